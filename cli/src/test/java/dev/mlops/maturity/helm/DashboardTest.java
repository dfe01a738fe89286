package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grafana dashboards: templated, every query parses (promtool) and names only exported metrics. */
class DashboardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DASHBOARDS = ChartFixture.chart().resolve("dashboards");
  private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*[a-zA-Z_]\\w*\\)$");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  /** Grafana variables, replaced by values that keep the query valid PromQL. */
  private static final Map<String, String> SUBSTITUTES = Map.of(
      "cluster", ".*", "namespace", ".*", "model", ".*", "__rate_interval", "5m", "__range", "1h", "__interval", "1m");

  @Test
  void theFiveDashboardsExistWithUniqueUids() throws IOException {
    Map<String, JsonNode> dashboards = dashboards();

    assertThat(dashboards.keySet()).containsExactlyInAnyOrder(
        "fleet-overview.json", "capability-matrix.json", "regressions.json", "probe-health.json", "gpu-utilisation.json");
    assertThat(dashboards.values().stream().map(d -> d.path("uid").asText()).toList()).doesNotHaveDuplicates().allSatisfy(uid ->
        assertThat(uid).isNotBlank().hasSizeLessThanOrEqualTo(40));
    assertThat(dashboards.values()).allSatisfy(d -> {
      assertThat(d.path("title").asText()).startsWith("MLOps maturity / ");
      assertThat(d.path("panels")).isNotEmpty();
      assertThat(d.path("tags").toString()).contains("mlops-maturity");
    });
  }

  @Test
  void everyDashboardIsTemplatedOnDatasourceNamespaceAndModel() throws IOException {
    for (Map.Entry<String, JsonNode> e : dashboards().entrySet()) {
      Map<String, JsonNode> variables = new LinkedHashMap<>();
      e.getValue().path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
      String queries = String.join("\n", expressions(e.getValue()));

      assertThat(variables).as(e.getKey()).containsKeys("datasource", "namespace");
      assertThat(variables.get("datasource").path("type").asText()).isEqualTo("datasource");
      assertThat(variables.get("datasource").path("query").asText()).isEqualTo("prometheus");
      assertThat(queries).as("%s filters on namespace", e.getKey()).contains("$namespace");
      if (queries.contains("model=~")) {
        assertThat(variables).as("%s filters on model", e.getKey()).containsKey("model");
      }
      for (String name : variables.keySet()) {
        if (!name.equals("datasource")) {
          assertThat(queries).as("%s uses variable %s", e.getKey(), name).contains("$" + name);
        }
      }
    }
    long withModel = dashboards().values().stream()
        .filter(d -> d.path("templating").toString().contains("\"name\":\"model\"")).count();
    assertThat(withModel).as("dashboards templated on model").isGreaterThanOrEqualTo(4);
  }

  @Test
  void everyPanelQueriesTheSelectedDatasource() throws IOException {
    for (Map.Entry<String, JsonNode> e : dashboards().entrySet()) {
      for (JsonNode panel : panels(e.getValue())) {
        assertThat(panel.path("datasource").path("uid").asText()).as("%s panel %s", e.getKey(), panel.path("title"))
            .isEqualTo("${datasource}");
        panel.path("targets").forEach(t -> assertThat(t.path("datasource").path("uid").asText()).isEqualTo("${datasource}"));
      }
    }
  }

  @Test
  void everyQueryParsesWithPromtool(@TempDir Path tmp) throws IOException {
    List<String> expressions = new ArrayList<>();
    for (JsonNode dashboard : dashboards().values()) {
      expressions(dashboard).forEach(e -> expressions.add(substitute(e)));
    }
    ObjectNode ruleFile = JSON.createObjectNode();
    ArrayNode rules = ruleFile.putArray("groups").addObject().put("name", "dashboard-queries").putArray("rules");
    for (int i = 0; i < expressions.size(); i++) {
      rules.addObject().put("record", "dashboard:query_" + i).put("expr", expressions.get(i));
    }
    Path file = tmp.resolve("dashboard-queries.yaml");
    ChartFixture.YAML.writeValue(file.toFile(), ruleFile);

    Promtool.Result result = Promtool.run(tmp, "check", "rules", "--lint=none", file.getFileName().toString());

    assertThat(expressions).hasSizeGreaterThan(20);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + expressions.size() + " rules found");
  }

  @Test
  void promtoolRejectsABrokenQuery(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("broken.yaml");
    Files.writeString(file, "groups:\n- name: g\n  rules:\n  - record: dashboard:query_0\n    expr: 'sum by (namespace (mlops_maturity_observed_level)'\n");

    assertThat(Promtool.run(tmp, "check", "rules", "--lint=none", "broken.yaml").exitCode()).isNotZero();
  }

  @Test
  void everyQueryNamesOnlyMetricsTheOperatorExports() throws IOException {
    Set<String> used = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> e : dashboards().entrySet()) {
      for (String expr : expressions(e.getValue())) {
        Set<String> names = PromQlMetricNames.of(substitute(expr));
        assertThat(names).as("%s: %s", e.getKey(), expr).isNotEmpty().isSubsetOf(ExportedMetrics.queryable());
        used.addAll(names);
      }
    }
    assertThat(used).as("the dashboards show every exported metric")
        .containsAll(ExportedMetrics.ownGaugesAndCounters())
        .contains("mlops_maturity_evaluation_duration_seconds_bucket", "mlops_maturity_probe_duration_seconds_bucket");
    assertThat(ExportedMetrics.ownHistograms())
        .containsExactlyInAnyOrder("mlops_maturity_evaluation_duration_seconds", "mlops_maturity_probe_duration_seconds");
  }

  private static String substitute(String expr) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = SUBSTITUTES.get(m.group(1));
      assertThat(value).as("Grafana variable $%s in %s", m.group(1), expr).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Panel queries, and the series selector of each label_values() variable query. */
  private static List<String> expressions(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      panel.path("targets").forEach(t -> out.add(t.path("expr").asText()));
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        JsonNode q = variable.path("query");
        String query = q.isObject() ? q.path("query").asText() : q.asText();
        Matcher m = LABEL_VALUES.matcher(query.strip());
        assertThat(m.matches()).as("variable %s query %s", variable.path("name"), query).isTrue();
        out.add(m.group(1));
      }
    }
    assertThat(out).allSatisfy(e -> assertThat(e).isNotBlank());
    return out;
  }

  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      out.add(panel);
      panel.path("panels").forEach(out::add); // collapsed rows
    }
    return out.stream().filter(p -> !"row".equals(p.path("type").asText())).toList();
  }

  private static Map<String, JsonNode> dashboards() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path f : files.sorted().toList()) {
        out.put(f.getFileName().toString(), JSON.readTree(f.toFile()));
      }
    }
    return out;
  }
}
