package dev.mlops.maturity.reliability;

import dev.mlops.maturity.demo.IndexedCrudDispatcher;
import dev.mlops.maturity.reconciler.MockCluster;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A Fabric8 mock API server in CRUD mode on 127.0.0.1 in front of which faults can be injected: a
 * rule (method + path predicate) answers instead of the CRUD store, for a number of requests or until
 * cleared. Every request is recorded ("METHOD path"), and open watch WebSockets can be dropped.
 */
final class FaultyCluster extends MockCluster {

  /** A fault: answers matching requests instead of the store while {@code remaining} is not zero (negative: forever). */
  static final class Fault {
    final BiPredicate<String, String> matches;
    final Supplier<MockResponse> response;
    final AtomicInteger remaining;
    final AtomicInteger hits = new AtomicInteger();

    Fault(BiPredicate<String, String> matches, Supplier<MockResponse> response, int times) {
      this.matches = matches;
      this.response = response;
      this.remaining = new AtomicInteger(times);
    }

    int hits() {
      return hits.get();
    }

    /** Takes one use of the fault; false once a counted fault is used up. */
    boolean take() {
      while (true) {
        int left = remaining.get();
        if (left < 0) {
          return true;
        }
        if (left == 0) {
          return false;
        }
        if (remaining.compareAndSet(left, left - 1)) {
          return true;
        }
      }
    }
  }

  private record OpenWatch(String path, WebSocket socket) {}

  final Queue<String> requests = new ConcurrentLinkedQueue<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<OpenWatch> watches = new CopyOnWriteArrayList<>();

  private FaultyCluster(KubernetesMockServer server) {
    super(server);
  }

  static FaultyCluster start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    // the Fabric8 CRUD store with an index by name (same answers, tested), so the load test fills 40,000 objects in minutes
    Dispatcher crud = IndexedCrudDispatcher.mixed(responses);
    FaultyCluster[] self = new FaultyCluster[1];
    Dispatcher dispatcher = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return self[0].dispatch(request, crud);
      }
    };
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    FaultyCluster cluster = new FaultyCluster(server);
    self[0] = cluster;
    cluster.prepare();
    return cluster;
  }

  private MockResponse dispatch(RecordedRequest request, Dispatcher crud) {
    String method = request.getMethod();
    String path = request.getPath();
    requests.add(method + " " + path);
    for (Fault f : faults) {
      if (f.matches.test(method, path) && f.take()) {
        f.hits.incrementAndGet();
        return f.response.get();
      }
    }
    MockResponse response = crud.dispatch(request);
    WebSocketListener listener = response.getWebSocketListener();
    if (listener != null && path.contains("watch=true")) {
      response.withWebSocketUpgrade(tracking(path, listener));
    }
    return response;
  }

  /** Remembers an open watch so a test can drop it; everything else goes to the store's listener. */
  private WebSocketListener tracking(String path, WebSocketListener delegate) {
    return new WebSocketListener() {
      @Override
      public void onBeforeAccept(WebSocket ws, Response r) {
        delegate.onBeforeAccept(ws, r);
      }

      @Override
      public void onOpen(WebSocket ws, Response r) {
        watches.add(new OpenWatch(path, ws));
        delegate.onOpen(ws, r);
      }

      @Override
      public void onMessage(WebSocket ws, String text) {
        delegate.onMessage(ws, text);
      }

      @Override
      public void onMessage(WebSocket ws, ByteString bytes) {
        delegate.onMessage(ws, bytes);
      }

      @Override
      public void onMessage(WebSocket ws, byte[] bytes) {
        delegate.onMessage(ws, bytes);
      }

      @Override
      public void onClosing(WebSocket ws, int code, String reason) {
        watches.removeIf(w -> w.socket() == ws);
        delegate.onClosing(ws, code, reason);
      }

      @Override
      public void onClosed(WebSocket ws, int code, String reason) {
        watches.removeIf(w -> w.socket() == ws);
        delegate.onClosed(ws, code, reason);
      }

      @Override
      public void onFailure(WebSocket ws, Throwable t, Response r) {
        watches.removeIf(w -> w.socket() == ws);
        delegate.onFailure(ws, t, r);
      }
    };
  }

  /** Injects a fault; {@code times} negative means until {@link #clear(Fault)}. */
  Fault fail(BiPredicate<String, String> matches, int times, Supplier<MockResponse> response) {
    Fault f = new Fault(matches, response, times);
    faults.add(f);
    return f;
  }

  Fault fail(BiPredicate<String, String> matches, int times, int code) {
    return fail(matches, times, () -> status(code));
  }

  void clear(Fault f) {
    faults.remove(f);
  }

  /** A Kubernetes Status body for an error code. */
  static MockResponse status(int code) {
    String reason = switch (code) {
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 410 -> "Expired";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      default -> "InternalError";
    };
    MockResponse r = new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    return code == 429 ? r.setHeader("Retry-After", "1") : r;
  }

  /**
   * What a real API server sends when a watch asks for a compacted resourceVersion: the upgrade
   * succeeds, then an ERROR event with a 410 Status, then the stream ends.
   */
  static MockResponse watchExpired() {
    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket ws, Response r) {
        ws.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Expired\",\"message\":\"too old resource version\",\"code\":410}}");
        ws.close(1000, "expired");
      }
    });
  }

  /** Requests whose "METHOD path" contains every fragment. */
  long count(String... fragments) {
    return requests.stream().filter(r -> Stream.of(fragments).allMatch(r::contains)).count();
  }

  /** Closes the open watches whose path contains the fragment; returns how many. */
  int dropWatches(String pathFragment) {
    int n = 0;
    for (OpenWatch w : watches) {
      if (w.path().contains(pathFragment)) {
        w.socket().close(1000, "dropped by test");
        watches.remove(w);
        n++;
      }
    }
    return n;
  }

  int openWatches(String pathFragment) {
    return (int) watches.stream().filter(w -> w.path().contains(pathFragment)).count();
  }
}
