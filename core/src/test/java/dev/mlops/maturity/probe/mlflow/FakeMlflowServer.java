package dev.mlops.maturity.probe.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An MLflow-shaped HTTP server on 127.0.0.1: answers by API path (after {@code /api/2.0/mlflow/}) and
 * query parameters, records every request. Routes come from code or from a scenario's {@code mlflow.yaml}:
 * <pre>
 * routes:
 * - {path: registered-models/get, query: {name: fraud-detector}, status: 200, body: {registered_model: {...}}}
 * - {path: runs/get, query: {run_id: abc}, status: 500, text: "raw body"}
 * default: {status: 404, body: {error_code: RESOURCE_DOES_NOT_EXIST}}   # unmatched requests (else 501)
 * </pre>
 */
public final class FakeMlflowServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String PREFIX = "/api/2.0/mlflow/";

  record Route(String path, Map<String, String> query, int status, String body, long delayMillis) {}

  record Request(String path, Map<String, String> query, String rawQuery, String authorization) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-mlflow");
    t.setDaemon(true);
    return t;
  });
  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Route fallback;

  FakeMlflowServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeMlflowServer fromScenario(Path dir) {
    FakeMlflowServer fake = new FakeMlflowServer();
    Path file = dir.resolve("mlflow.yaml");
    if (!Files.exists(file)) {
      return fake;
    }
    try {
      JsonNode root = YAML.readTree(file.toFile());
      root.path("routes").forEach(r -> fake.routes.add(route(r)));
      if (root.path("default").isObject()) {
        fake.fallback = route(root.get("default"));
      }
      return fake;
    } catch (IOException e) {
      fake.close();
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Route route(JsonNode r) {
    Map<String, String> query = new LinkedHashMap<>();
    r.path("query").fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue().asText()));
    String body = r.has("text") ? r.get("text").asText() : r.has("body") ? r.get("body").toString() : "";
    return new Route(r.path("path").asText(), query, r.path("status").asInt(200), body, r.path("delayMillis").asLong(0));
  }

  /** The server root, as an operator config would name it. */
  public URI root() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** An empty server for tests outside this package, answered with {@link #answerFromNow}. */
  public static FakeMlflowServer start() {
    return new FakeMlflowServer();
  }

  /** Answers this request from now on, replacing an earlier answer for the same path and query (the registry changed). */
  public FakeMlflowServer answerFromNow(String path, Map<String, String> query, int status, String body) {
    synchronized (routes) {
      routes.removeIf(r -> r.path().equals(path) && r.query().equals(query));
      routes.add(0, new Route(path, query, status, body, 0));
    }
    return this;
  }

  /** How many requests asked for this API path. */
  public long requestsFor(String path) {
    return requests().stream().filter(r -> r.path().equals(path)).count();
  }

  FakeMlflowServer answer(String path, Map<String, String> query, int status, Object body) {
    routes.add(new Route(path, query, status, body instanceof String s ? s : json(body), 0));
    return this;
  }

  FakeMlflowServer answerSlowly(String path, long delayMillis, int status, Object body) {
    routes.add(new Route(path, Map.of(), status, body instanceof String s ? s : json(body), delayMillis));
    return this;
  }

  FakeMlflowServer otherwise(int status, Object body) {
    fallback = new Route("", Map.of(), status, body instanceof String s ? s : json(body), 0);
    return this;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath().startsWith(PREFIX) ? uri.getRawPath().substring(PREFIX.length()) : uri.getRawPath();
      Map<String, String> query = decode(uri.getRawQuery());
      requests.add(new Request(path, query, uri.getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization")));
      Route match;
      synchronized (routes) {
        match = routes.stream().filter(r -> r.path().equals(path) && query.entrySet().containsAll(r.query().entrySet())).findFirst().orElse(fallback);
      }
      if (match == null) {
        match = new Route(path, Map.of(), 501, "{\"error_code\":\"NOT_IMPLEMENTED\",\"message\":\"no route in the fake\"}", 0);
      }
      if (match.delayMillis() > 0 && released.await(match.delayMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      byte[] bytes = match.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(match.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up (timeout test): nothing to answer
    }
  }

  private static Map<String, String> decode(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
