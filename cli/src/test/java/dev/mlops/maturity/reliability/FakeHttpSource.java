package dev.mlops.maturity.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server shaped like Prometheus (/api/v1/targets) and MLflow (/api/2.0/mlflow/registered-models/get)
 * whose behaviour a test switches: healthy, an HTTP error, garbage, an empty answer, slow, or down.
 */
final class FakeHttpSource implements AutoCloseable {
  /** A marker that must never show up in status or Events: bodies are not copied. */
  static final String BODY_MARKER = "SECRET-BODY-MARKER-7f3a";

  enum Mode { HEALTHY, HEALTHY_AFTER_RESTART, ERROR_500, ERROR_401, MODEL_NOT_FOUND, GARBAGE, EMPTY, NO_TARGETS, SLOW }

  private int port;
  private volatile HttpServer server;
  volatile Mode mode = Mode.HEALTHY;
  /** When set, a request without exactly this Authorization header ("Bearer t0ken", "Basic ...") gets 401. */
  volatile String requiredAuthorization;
  final AtomicInteger requests = new AtomicInteger();

  static FakeHttpSource start() {
    FakeHttpSource source = new FakeHttpSource();
    source.server = source.bind(0);
    source.port = source.server.getAddress().getPort();
    return source;
  }

  private HttpServer bind(int p) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), p), 16);
      s.createContext("/", this::handle);
      s.setExecutor(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-http-source");
        t.setDaemon(true);
        return t;
      }));
      s.start();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  URI root() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Connection refused from now on. */
  void down() {
    server.stop(0);
  }

  /** Listening again on the same port. */
  void up() {
    server = bind(port);
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String path = ex.getRequestURI().getPath();
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
        reply(ex, 401, "{\"error_code\":\"UNAUTHENTICATED\"}");
        return;
      }
      switch (mode) {
        case ERROR_500 -> reply(ex, 500, "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"" + BODY_MARKER + "\"}");
        case ERROR_401 -> reply(ex, 401, "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"" + BODY_MARKER + "\"}");
        case GARBAGE -> reply(ex, 200, "<html><body>" + BODY_MARKER + " {\"status\":\"succ");
        case NO_TARGETS -> reply(ex, 200, "{\"status\":\"success\",\"data\":{\"activeTargets\":[],\"droppedTargets\":[]}}");
        case EMPTY -> reply(ex, 200, path.startsWith("/api/v1/") ? "{\"status\":\"success\",\"data\":{}}" : "{}");
        case MODEL_NOT_FOUND -> reply(ex, 404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Registered Model with name="
            + "fraud-detector not found " + BODY_MARKER + "\"}");
        case SLOW -> {
          sleep(6_500);
          healthy(ex, path);
        }
        default -> healthy(ex, path);
      }
    }
  }

  private static void healthy(HttpExchange ex, String path) throws IOException {
    if (path.equals("/api/v1/targets")) {
      reply(ex, 200, """
          {"status":"success","data":{"activeTargets":[
            {"discoveredLabels":{"__address__":"10.0.0.1:8080"},
             "labels":{"job":"fraud-svc","namespace":"team-a","service":"fraud-svc","pod":"fraud-api-1","instance":"10.0.0.1:8080"},
             "scrapePool":"kubernetes-service-endpoints","scrapeUrl":"http://10.0.0.1:8080/metrics","health":"up","lastError":""}
          ],"droppedTargets":[]}}""");
    } else if (path.equals("/api/2.0/mlflow/registered-models/get")) {
      reply(ex, 200, """
          {"registered_model": {"name": "fraud-detector", "creation_timestamp": 1717000000000,
            "latest_versions": [{"name": "fraud-detector", "version": "7", "creation_timestamp": 1718000000000,
              "current_stage": "None", "source": "s3://mlflow/3/5f1c/artifacts/model", "run_id": "5f1c2e9b0a7d4c1e", "status": "READY"}]}}""");
    } else {
      reply(ex, 404, "{\"error_code\":\"ENDPOINT_NOT_FOUND\"}");
    }
  }

  private static void reply(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
