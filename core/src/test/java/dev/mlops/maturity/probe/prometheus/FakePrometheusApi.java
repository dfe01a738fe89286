package dev.mlops.maturity.probe.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PrometheusApi with canned answers. Scenario folders describe one in {@code prometheus.yaml}:
 * <pre>
 * unreachable: true                      # every call fails: "prometheus default unreachable"
 * targets: [{scrapePool: serviceMonitor/fraud/x/0, health: up, labels: {namespace: fraud}}]
 * rules: [{group: g, name: AlertName, query: 'up{namespace="fraud"} == 0', health: ok}]
 * queries: [{contains: DCGM_FI_DEV_GPU_UTIL, result: [{labels: {}, value: "67.4"}]}]   # others: empty vector
 * </pre>
 * Without the file the endpoint is not configured.
 */
public final class FakePrometheusApi implements PrometheusApi {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Answer<List<ScrapeTarget>> targets = Answer.ok(List.of());
  private Answer<List<AlertRule>> rules = Answer.ok(List.of());
  private final Map<String, Answer<List<Sample>>> queries = new LinkedHashMap<>();
  private Answer<List<Sample>> otherQueries = Answer.ok(List.of());
  final List<String> asked = new CopyOnWriteArrayList<>();

  static FakePrometheusApi unreachable() {
    FakePrometheusApi api = new FakePrometheusApi();
    api.targets = Answer.failed("prometheus default unreachable");
    api.rules = Answer.failed("prometheus default unreachable");
    api.otherQueries = Answer.failed("prometheus default unreachable");
    return api;
  }

  FakePrometheusApi targets(Answer<List<ScrapeTarget>> answer) {
    this.targets = answer;
    return this;
  }

  FakePrometheusApi targets(ScrapeTarget... t) {
    return targets(Answer.ok(List.of(t)));
  }

  FakePrometheusApi rules(Answer<List<AlertRule>> answer) {
    this.rules = answer;
    return this;
  }

  FakePrometheusApi rules(AlertRule... r) {
    return rules(Answer.ok(List.of(r)));
  }

  /** Answers every query containing {@code fragment}. */
  FakePrometheusApi query(String fragment, Answer<List<Sample>> answer) {
    queries.put(fragment, answer);
    return this;
  }

  FakePrometheusApi query(String fragment, Sample... samples) {
    return query(fragment, Answer.ok(List.of(samples)));
  }

  @Override
  public Answer<List<Sample>> query(String promql) {
    asked.add(promql);
    return queries.entrySet().stream().filter(e -> promql.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(otherQueries);
  }

  @Override
  public Answer<List<ScrapeTarget>> activeTargets() {
    return targets;
  }

  @Override
  public Answer<List<AlertRule>> alertRules() {
    return rules;
  }

  /** External sources with this API as the "default" Prometheus endpoint. */
  ExternalSources asDefault() {
    return sources(this);
  }

  static ExternalSources sources(PrometheusApi api) {
    return new ExternalSources() {
      @Override
      public Answer<PrometheusApi> prometheus(String endpointName) {
        return "default".equals(endpointName) ? Answer.ok(api) : ExternalSources.NONE.prometheus(endpointName);
      }

      @Override
      public Answer<MlflowApi> mlflow(String endpointName) {
        return ExternalSources.NONE.mlflow(endpointName);
      }
    };
  }

  /** The scenario's Prometheus: from {@code prometheus.yaml}, or no endpoint at all. */
  public static ExternalSources forScenario(Path dir) {
    Path file = dir.resolve("prometheus.yaml");
    if (!Files.exists(file)) {
      return ExternalSources.NONE;
    }
    try {
      JsonNode y = YAML.readTree(file.toFile());
      FakePrometheusApi api = y.path("unreachable").asBoolean(false) ? unreachable() : new FakePrometheusApi();
      if (y.has("targets")) {
        List<ScrapeTarget> t = new ArrayList<>();
        y.path("targets").forEach(n -> t.add(new ScrapeTarget(labels(n.path("labels")), text(n, "scrapePool"), text(n, "health"))));
        api.targets(Answer.ok(t));
      }
      if (y.has("rules")) {
        List<AlertRule> r = new ArrayList<>();
        y.path("rules").forEach(n -> r.add(new AlertRule(text(n, "group"), text(n, "name"), text(n, "query"), text(n, "health"), labels(n.path("labels")))));
        api.rules(Answer.ok(r));
      }
      y.path("queries").forEach(q -> {
        List<Sample> samples = new ArrayList<>();
        q.path("result").forEach(s -> samples.add(new Sample(labels(s.path("labels")), HttpPrometheusApi.parseValue(s.path("value").asText()))));
        api.query(q.path("contains").asText(), Answer.ok(samples));
      });
      return api.asDefault();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.path(field).asText() : null;
  }

  private static Map<String, String> labels(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
