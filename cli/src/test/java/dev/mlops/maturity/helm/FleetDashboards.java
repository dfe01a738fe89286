package dev.mlops.maturity.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart's Grafana dashboards: each panel query, and the same with Grafana's variables set to "All". */
final class FleetDashboards {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** "All" of a multi-value variable with allValue ".*", and Grafana's built-in intervals. */
  static final Map<String, String> ALL = Map.of("$cluster", ".*", "$namespace", ".*", "$model", ".*",
      "$__rate_interval", "1m", "$__range", "1h", "$__interval", "30s");

  record Query(String dashboard, String panel, String expr) {
    /** The query with every variable at "All", as Grafana sends it by default. */
    String atAll() {
      String out = expr;
      for (Map.Entry<String, String> v : ALL.entrySet()) {
        out = out.replace(v.getKey(), v.getValue());
      }
      return out;
    }
  }

  private FleetDashboards() {}

  static Map<String, JsonNode> dashboards() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(ChartFixture.chart().resolve("dashboards"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.put(f.getFileName().toString(), JSON.readTree(f.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<Query> queries() {
    List<Query> out = new ArrayList<>();
    dashboards().forEach((file, d) -> {
      for (JsonNode panel : d.path("panels")) {
        List<JsonNode> all = new ArrayList<>(List.of(panel));
        panel.path("panels").forEach(all::add);
        for (JsonNode p : all) {
          p.path("targets").forEach(t -> out.add(new Query(file, p.path("title").asText(), t.path("expr").asText())));
        }
      }
    });
    return out;
  }
}
