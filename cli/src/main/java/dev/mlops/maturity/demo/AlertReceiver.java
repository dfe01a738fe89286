package dev.mlops.maturity.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An Alertmanager webhook receiver on 127.0.0.1: keeps every alert of every notification (Alertmanager
 * webhook payload version 4) and hands each to a listener, e.g. the demo's printer.
 */
public final class AlertReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One alert as Alertmanager sent it: status firing or resolved, its labels and annotations. */
  public record Notified(String status, Map<String, String> labels, Map<String, String> annotations) {
    public String name() {
      return labels.getOrDefault("alertname", "");
    }
  }

  private final HttpServer server;
  private final List<Notified> received = new CopyOnWriteArrayList<>();
  private final Consumer<Notified> listener;

  public AlertReceiver(Consumer<Notified> listener) throws IOException {
    this.listener = listener;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/alerts", this::receive);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
  }

  public List<Notified> received() {
    return List.copyOf(received);
  }

  private void receive(HttpExchange ex) throws IOException {
    try {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      for (JsonNode alert : body.path("alerts")) {
        Notified n = new Notified(alert.path("status").asText(), strings(alert.path("labels")), strings(alert.path("annotations")));
        received.add(n);
        listener.accept(n);
      }
      ex.sendResponseHeaders(200, -1);
    } catch (IOException | RuntimeException e) {
      ex.sendResponseHeaders(400, -1);
    } finally {
      ex.close();
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    object.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
