package dev.mlops.maturity.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's stand-ins for MLflow and Prometheus, on 127.0.0.1, answering the documented REST shapes
 * (PROBES.md c.1-c.3, c.5) so the operator's real HTTP clients and probes run unchanged. Scrape
 * targets and loaded rules mirror the ServiceMonitors and PrometheusRules currently in the demo cluster.
 */
public final class DemoIntegrations implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final HttpServer mlflow;
  private final HttpServer prometheus;
  private final JsonNode mlflowData;
  private final double gpuUtilisation;
  private final Function<String, List<GenericKubernetesResource>> cluster;

  /** {@code cluster} lists current objects of a kind ("ServiceMonitor", "PrometheusRule") across namespaces. */
  public DemoIntegrations(Path integrationsDir, Function<String, List<GenericKubernetesResource>> cluster) throws IOException {
    this.mlflowData = YAML.readTree(java.nio.file.Files.readString(integrationsDir.resolve("mlflow.yaml")));
    this.gpuUtilisation = YAML.readTree(java.nio.file.Files.readString(integrationsDir.resolve("prometheus.yaml")))
        .path("gpuUtilisationPercent").asDouble();
    this.cluster = cluster;
    this.mlflow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    this.prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    mlflow.createContext("/", this::mlflow);
    prometheus.createContext("/", this::prometheus);
    mlflow.start();
    prometheus.start();
  }

  public URI mlflowUrl() {
    return URI.create("http://127.0.0.1:" + mlflow.getAddress().getPort());
  }

  public URI prometheusUrl() {
    return URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort());
  }

  private void mlflow(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI());
    String path = ex.getRequestURI().getPath();
    String name = q.getOrDefault("name", filterName(q.get("filter")));
    JsonNode model = name == null ? null : mlflowData.path("registeredModels").get(name);
    ObjectNode body = JSON.createObjectNode();
    switch (path) {
      case "/api/2.0/mlflow/registered-models/get" -> {
        if (model == null) {
          notFound(ex, "RegisteredModel '" + name + "' does not exist.");
          return;
        }
        ObjectNode rm = body.putObject("registered_model");
        rm.put("name", name);
        ArrayNode versions = rm.putArray("latest_versions");
        model.path("versions").forEach(v -> versions.add(version(name, v)));
        ArrayNode tags = rm.putArray("tags");
        model.path("tags").fields().forEachRemaining(t -> tags.addObject().put("key", t.getKey()).put("value", t.getValue().asText()));
        ArrayNode aliases = rm.putArray("aliases");
        model.path("aliases").fields().forEachRemaining(a -> aliases.addObject().put("alias", a.getKey()).put("version", a.getValue().asText()));
      }
      case "/api/2.0/mlflow/model-versions/search" -> {
        ArrayNode versions = body.putArray("model_versions");
        if (model != null) {
          model.path("versions").forEach(v -> versions.add(version(name, v)));
        }
      }
      case "/api/2.0/mlflow/registered-models/alias" -> {
        String alias = q.get("alias");
        String v = model == null ? null : model.path("aliases").path(alias).asText(null);
        JsonNode match = null;
        if (v != null) {
          for (JsonNode ver : model.path("versions")) {
            if (v.equals(ver.path("version").asText())) {
              match = ver;
            }
          }
        }
        if (match == null) {
          notFound(ex, "Registered model alias " + alias + " not found.");
          return;
        }
        body.set("model_version", version(name, match));
      }
      case "/api/2.0/mlflow/runs/get" -> {
        String id = q.get("run_id");
        JsonNode run = id == null ? null : mlflowData.path("runs").get(id);
        if (run == null) {
          notFound(ex, "Run '" + id + "' not found.");
          return;
        }
        ObjectNode r = body.putObject("run");
        r.putObject("info").put("run_id", id).put("status", run.path("status").asText());
        ObjectNode data = r.putObject("data");
        ArrayNode metrics = data.putArray("metrics");
        run.path("metrics").fields().forEachRemaining(m -> metrics.addObject().put("key", m.getKey()).put("value", m.getValue().asDouble()));
        ArrayNode params = data.putArray("params");
        run.path("params").fields().forEachRemaining(p -> params.addObject().put("key", p.getKey()).put("value", p.getValue().asText()));
        ArrayNode inputs = r.putObject("inputs").putArray("dataset_inputs");
        run.path("datasets").forEach(d -> inputs.addObject().putObject("dataset").put("name", d.path("name").asText())
            .put("digest", d.path("digest").asText()).put("source_type", "s3").put("source", d.path("source").asText()));
      }
      default -> {
        notFound(ex, "no such endpoint");
        return;
      }
    }
    send(ex, 200, body);
  }

  private static ObjectNode version(String name, JsonNode v) {
    ObjectNode out = JSON.createObjectNode();
    out.put("name", name).put("version", v.path("version").asText()).put("status", v.path("status").asText("READY"))
        .put("run_id", v.path("runId").asText("")).put("creation_timestamp", v.path("created").asLong())
        .put("source", "models:/" + name + "/" + v.path("version").asText()).put("current_stage", "None");
    ArrayNode tags = out.putArray("tags");
    v.path("tags").fields().forEachRemaining(t -> tags.addObject().put("key", t.getKey()).put("value", t.getValue().asText()));
    out.putArray("aliases");
    return out;
  }

  private void prometheus(HttpExchange ex) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("status", "success");
    ObjectNode data = body.putObject("data");
    switch (ex.getRequestURI().getPath()) {
      case "/api/v1/query" -> {
        String promql = query(ex.getRequestURI()).getOrDefault("query", "");
        data.put("resultType", "vector");
        ArrayNode result = data.putArray("result");
        if (promql.contains("DCGM_FI_DEV_GPU_UTIL")) {
          ObjectNode sample = result.addObject();
          sample.putObject("metric");
          sample.putArray("value").add(System.currentTimeMillis() / 1000.0).add(String.valueOf(gpuUtilisation));
        }
      }
      case "/api/v1/targets" -> {
        ArrayNode active = data.putArray("activeTargets");
        for (GenericKubernetesResource sm : cluster.apply("ServiceMonitor")) {
          String ns = sm.getMetadata().getNamespace();
          ObjectNode t = active.addObject();
          t.put("scrapePool", "serviceMonitor/" + ns + "/" + sm.getMetadata().getName() + "/0").put("health", "up");
          t.putObject("labels").put("namespace", ns).put("service", sm.getMetadata().getName()).put("job", sm.getMetadata().getName());
        }
        data.putArray("droppedTargets");
      }
      case "/api/v1/rules" -> {
        ArrayNode groups = data.putArray("groups");
        for (GenericKubernetesResource rule : cluster.apply("PrometheusRule")) {
          for (Object g : Fields.list(rule, "spec", "groups")) {
            ObjectNode group = groups.addObject().put("name", Fields.string(g, "name").orElse("")).put("file",
                "/etc/prometheus/rules/" + rule.getMetadata().getNamespace() + "-" + rule.getMetadata().getName() + ".yaml");
            ArrayNode rules = group.putArray("rules");
            for (Object r : Fields.list(g, "rules")) {
              Fields.string(r, "alert").ifPresent(alert -> {
                ObjectNode out = rules.addObject().put("type", "alerting").put("name", alert)
                    .put("query", Fields.string(r, "expr").orElse("")).put("health", "ok").put("state", "inactive");
                ObjectNode labels = out.putObject("labels");
                Fields.map(r, "labels").orElse(Map.of()).forEach((k, v) -> labels.put(k, String.valueOf(v)));
              });
            }
          }
        }
      }
      default -> {
        send(ex, 404, JSON.createObjectNode().put("status", "error").put("errorType", "not_found").put("error", "no such endpoint"));
        return;
      }
    }
    send(ex, 200, body);
  }

  private static String filterName(String filter) {
    if (filter == null) {
      return null;
    }
    int a = filter.indexOf('\'');
    int b = filter.lastIndexOf('\'');
    return a >= 0 && b > a ? filter.substring(a + 1, b) : null;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static void notFound(HttpExchange ex, String message) throws IOException {
    send(ex, 404, JSON.createObjectNode().put("error_code", "RESOURCE_DOES_NOT_EXIST").put("message", message));
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    mlflow.stop(0);
    prometheus.stop(0);
  }
}
