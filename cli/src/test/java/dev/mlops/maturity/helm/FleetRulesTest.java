package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet across clusters: dashboards, alerts and the maturity-slo recording rules keep the {@code cluster}
 * label Prometheus external_labels add, and stay correct without it (promtool unit tests of both cases).
 */
class FleetRulesTest {
  private static final Path FILES = ChartFixture.chart().resolve("files");
  private static final Pattern SERIES = Pattern.compile("\\b(mlops_maturity_[a-z_]+|up)\\b(?!\\s*\\()(\\{[^}]*})?");
  private static final Pattern BY = Pattern.compile("\\bby \\(([^)]*)\\)");

  @Test
  void theSloRulesPassTheirPromtoolUnitTests() {
    Promtool.Result check = Promtool.run(FILES, "check", "rules", "slo-rules.yaml");
    Promtool.Result test = Promtool.run(FILES, "test", "rules", "slo-rules-test.yaml");

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void theSloUnitTestsWouldCatchRulesThatDropTheClusterLabel(@TempDir Path tmp) throws IOException {
    String broken = ChartFixture.read(FILES.resolve("slo-rules.yaml")).replace("by (cluster, ", "by (");
    Files.writeString(tmp.resolve("slo-rules.yaml"), broken);
    Files.copy(FILES.resolve("slo-rules-test.yaml"), tmp.resolve("slo-rules-test.yaml"));

    Promtool.Result result = Promtool.run(tmp, "test", "rules", "slo-rules-test.yaml");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
  }

  @Test
  void theChartRendersTheSloRulesAsTheirOwnPrometheusRule() throws IOException {
    List<HasMetadata> objects = ChartFixture.parse(ChartFixture.template(null, Map.of("prometheusRule.enabled", true)));
    GenericKubernetesResource slo = objects.stream().filter(o -> "PrometheusRule".equals(o.getKind()))
        .filter(o -> o.getMetadata().getName().equals(ChartFixture.FULLNAME + "-slo")).map(GenericKubernetesResource.class::cast)
        .findFirst().orElseThrow(() -> new AssertionError("no -slo PrometheusRule"));

    JsonNode rendered = ChartFixture.YAML.valueToTree(slo.getAdditionalProperties().get("spec"));
    assertThat(rendered).isEqualTo(ChartFixture.YAML.readTree(FILES.resolve("slo-rules.yaml").toFile()));
    assertThat(rendered.path("groups").get(0).path("name").asText()).isEqualTo("maturity-slo");
    assertThat(ChartFixture.parse(ChartFixture.template(null, Map.of())).stream().map(HasMetadata::getKind)).doesNotContain("PrometheusRule");
  }

  @Test
  void theSloRulesNameOnlyExportedMetricsKubeStateMetricsAndTheirOwnRecords() throws IOException {
    Set<String> records = new TreeSet<>();
    List<String> exprs = new ArrayList<>();
    for (JsonNode rule : rules("slo-rules.yaml")) {
      records.add(rule.path("record").asText());
      exprs.add(rule.path("expr").asText());
    }
    Set<String> allowed = new TreeSet<>(ExportedMetrics.queryable());
    allowed.addAll(records);
    allowed.add("kube_namespace_labels");

    assertThat(exprs).allSatisfy(e -> assertThat(PromQlMetricNames.of(e)).isNotEmpty().isSubsetOf(allowed));
    assertThat(records).allSatisfy(r -> assertThat(r).matches("(target|team):mlops_maturity_[a-z_]+:[a-z0-9_]+"));
  }

  @Test
  void everyAggregationOfAlertsAndSloRulesKeepsTheClusterLabel() throws IOException {
    List<String> exprs = new ArrayList<>();
    rules("alerts.yaml").forEach(r -> exprs.add(r.path("expr").asText()));
    rules("slo-rules.yaml").forEach(r -> exprs.add(r.path("expr").asText()));

    assertThat(groupings(exprs)).isNotEmpty().allSatisfy(by -> assertThat(by).as("by (%s)", by).startsWith("cluster"));
  }

  @Test
  void everyDashboardHasAClusterVariableAtAllByDefault() {
    FleetDashboards.dashboards().forEach((file, d) -> {
      JsonNode cluster = null;
      for (JsonNode v : d.path("templating").path("list")) {
        if ("cluster".equals(v.path("name").asText())) {
          cluster = v;
        }
      }
      assertThat(cluster).as("%s cluster variable", file).isNotNull();
      assertThat(cluster.path("includeAll").asBoolean()).isTrue();
      assertThat(cluster.path("allValue").asText()).as("All also matches series without the label").isEqualTo(".*");
      assertThat(cluster.path("current").path("value").toString()).contains("$__all");
      assertThat(cluster.path("definition").asText()).isEqualTo("label_values(mlops_maturity_observed_level, cluster)");
      for (JsonNode v : d.path("templating").path("list")) {
        if (Set.of("namespace", "model").contains(v.path("name").asText())) {
          assertThat(v.path("definition").asText()).as("%s variable %s", file, v.path("name")).contains("cluster=~\"$cluster\"");
        }
      }
    });
  }

  @Test
  void everyDashboardQueryFiltersOnTheClusterAndGroupsByIt() {
    List<FleetDashboards.Query> queries = FleetDashboards.queries();
    assertThat(queries).hasSizeGreaterThan(20);
    for (FleetDashboards.Query q : queries) {
      Matcher m = SERIES.matcher(q.expr());
      int found = 0;
      while (m.find()) {
        found++;
        assertThat(m.group(2)).as("%s / %s: %s", q.dashboard(), q.panel(), q.expr()).isNotNull().contains("cluster=~\"$cluster\"");
      }
      assertThat(found).as(q.expr()).isPositive();
      assertThat(groupings(List.of(q.expr()))).as("%s / %s", q.dashboard(), q.panel())
          .allSatisfy(by -> assertThat(by.equals("le") || by.startsWith("cluster")).as("by (%s)", by).isTrue());
    }
  }

  private static List<String> groupings(List<String> exprs) {
    List<String> out = new ArrayList<>();
    for (String e : exprs) {
      Matcher m = BY.matcher(e);
      while (m.find()) {
        out.add(m.group(1).strip());
      }
    }
    return out;
  }

  private static List<JsonNode> rules(String file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode group : ChartFixture.YAML.readTree(FILES.resolve(file).toFile()).path("groups")) {
      group.path("rules").forEach(out::add);
    }
    return out;
  }
}
