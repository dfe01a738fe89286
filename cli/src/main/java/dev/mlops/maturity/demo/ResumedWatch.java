package dev.mlops.maturity.demo;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A watch that resumes from a resourceVersion, as on the API server: the Fabric8 mock replays every
 * stored object as ADDED whenever a watch opens, so each periodic re-watch of an informer re-sent a
 * whole kind. ADDED events of objects at or below the requested resourceVersion are dropped (a new
 * object always has a higher one); every other event passes.
 */
final class ResumedWatch extends WebSocketListener {
  private static final Pattern RESOURCE_VERSION = Pattern.compile("\"resourceVersion\"\\s*:\\s*\"(\\d+)\"");
  private static final Pattern REQUESTED = Pattern.compile("[?&]resourceVersion=(\\d+)");

  private final WebSocketListener delegate;
  private final long from;

  private ResumedWatch(WebSocketListener delegate, long from) {
    this.delegate = delegate;
    this.from = from;
  }

  /** The listener for a watch request: the mock's own unless the request resumes from a resourceVersion above 0. */
  static WebSocketListener of(WebSocketListener delegate, String path) {
    Matcher m = REQUESTED.matcher(path);
    long from = m.find() ? Long.parseLong(m.group(1)) : 0;
    return from > 0 ? new ResumedWatch(delegate, from) : delegate;
  }

  /** True for an ADDED event whose object is not newer than the requested resourceVersion: a replay, not news. */
  boolean replayed(String event) {
    // Jackson may write the event's type before or after its object
    if (!event.startsWith("{\"type\":\"ADDED\"") && !event.endsWith("\"type\":\"ADDED\"}")) {
      return false;
    }
    Matcher m = RESOURCE_VERSION.matcher(event);
    return m.find() && Long.parseLong(m.group(1)) <= from;
  }

  private WebSocket filtering(WebSocket socket) {
    return new WebSocket() {
      @Override
      public RecordedRequest request() {
        return socket.request();
      }

      @Override
      public boolean send(String text) {
        return replayed(text) || socket.send(text);
      }

      @Override
      public boolean send(byte[] data) {
        return socket.send(data);
      }

      @Override
      public boolean close(int code, String reason) {
        return socket.close(code, reason);
      }
    };
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    delegate.onBeforeAccept(filtering(webSocket), response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    delegate.onOpen(filtering(webSocket), response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    delegate.onMessage(filtering(webSocket), text);
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    delegate.onMessage(filtering(webSocket), bytes);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    delegate.onMessage(filtering(webSocket), bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    delegate.onClosing(filtering(webSocket), code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    delegate.onClosed(filtering(webSocket), code, reason);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    delegate.onFailure(filtering(webSocket), t, response);
  }
}
