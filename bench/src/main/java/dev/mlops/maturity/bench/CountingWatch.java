package dev.mlops.maturity.bench;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;

/** A watch's web socket listener that hands the mock's listener a socket counting every event's bytes as the client's WATCH bytes. */
final class CountingWatch extends WebSocketListener {
  private final WebSocketListener delegate;
  private final Traffic client;

  CountingWatch(WebSocketListener delegate, Traffic client) {
    this.delegate = delegate;
    this.client = client;
  }

  private WebSocket counting(WebSocket socket) {
    return new WebSocket() {
      @Override
      public RecordedRequest request() {
        return socket.request();
      }

      @Override
      public boolean send(String text) {
        client.bytes("WATCH", text.getBytes(StandardCharsets.UTF_8).length);
        return socket.send(text);
      }

      @Override
      public boolean send(byte[] data) {
        client.bytes("WATCH", data.length);
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
    delegate.onBeforeAccept(counting(webSocket), response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    delegate.onOpen(counting(webSocket), response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    delegate.onMessage(counting(webSocket), text);
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    delegate.onMessage(counting(webSocket), bytes);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    delegate.onMessage(counting(webSocket), bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    delegate.onClosing(counting(webSocket), code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    delegate.onClosed(counting(webSocket), code, reason);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    delegate.onFailure(counting(webSocket), t, response);
  }
}
