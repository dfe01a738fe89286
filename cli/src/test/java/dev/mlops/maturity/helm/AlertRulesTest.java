package dev.mlops.maturity.helm;

import static dev.mlops.maturity.helm.ChartFixture.YAML;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alert rules (files/alerts.yaml) are valid, unit-tested with promtool, documented, and name only exported metrics. */
class AlertRulesTest {
  private static final Path FILES = ChartFixture.chart().resolve("files");

  @Test
  void promtoolAcceptsTheRuleFile() {
    Promtool.Result result = Promtool.run(FILES, "check", "rules", "alerts.yaml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + alerts().size() + " rules found");
  }

  @Test
  void promtoolUnitTestsOfTheAlertsPass() {
    Promtool.Result result = Promtool.run(FILES, "test", "rules", "alerts-test.yaml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void promtoolUnitTestsWouldCatchABrokenAlert(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    // the same tests against a rule that fires on any level change, outages included, must fail
    String broken = ChartFixture.read(FILES.resolve("alerts.yaml"))
        .replace("expr: increase(mlops_maturity_level_regressions_total[15m]) > 0",
            "expr: increase(mlops_maturity_level_regressions_total[15m]) >= 0");
    java.nio.file.Files.writeString(tmp.resolve("alerts.yaml"), broken);
    java.nio.file.Files.copy(FILES.resolve("alerts-test.yaml"), tmp.resolve("alerts-test.yaml"));

    Promtool.Result result = Promtool.run(tmp, "test", "rules", "alerts-test.yaml");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("MLOpsMaturityLevelRegressed");
  }

  @Test
  void everyAlertIsUnitTestedFiringAndNotFiring() throws IOException {
    JsonNode tests = YAML.readTree(FILES.resolve("alerts-test.yaml").toFile());
    Set<String> fires = new LinkedHashSet<>();
    Set<String> silent = new LinkedHashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        (check.path("exp_alerts").isEmpty() ? silent : fires).add(check.path("alertname").asText());
      }
    }
    List<String> names = alerts().stream().map(a -> a.path("alert").asText()).toList();

    assertThat(fires).as("alerts with a firing test").containsAll(names);
    assertThat(silent).as("alerts with a not-firing test").containsAll(names);
  }

  @Test
  void aProbeOutageIsTestedNotToFireLevelRegressed() throws IOException {
    JsonNode tests = YAML.readTree(FILES.resolve("alerts-test.yaml").toFile());

    JsonNode outage = null;
    for (JsonNode test : tests.path("tests")) {
      if (test.path("name").asText().contains("probe outage does not fire LevelRegressed")) {
        outage = test;
      }
    }
    assertThat(outage).as("the probe-outage test").isNotNull();
    assertThat(outage.path("input_series").toString()).contains("mlops_maturity_degraded").contains("mlops_maturity_level_regressions_total");
    List<JsonNode> regressedChecks = new ArrayList<>();
    outage.path("alert_rule_test").forEach(c -> {
      if ("MLOpsMaturityLevelRegressed".equals(c.path("alertname").asText())) {
        regressedChecks.add(c);
      }
    });
    assertThat(regressedChecks).isNotEmpty().allSatisfy(c -> assertThat(c.path("exp_alerts").isEmpty()).isTrue());
  }

  @Test
  void everyAlertIsNamedComponentSymptomAndLinksItsRunbookSection() {
    String runbook = ChartFixture.read(FILES.resolve("runbook.md"));
    Set<String> anchors = new LinkedHashSet<>();
    Matcher heading = Pattern.compile("(?m)^## (\\S+)\\s*$").matcher(runbook);
    while (heading.find()) {
      anchors.add(heading.group(1).toLowerCase(Locale.ROOT));
    }

    assertThat(alerts()).isNotEmpty().allSatisfy(alert -> {
      String name = alert.path("alert").asText();
      assertThat(name).matches("MLOpsMaturity[A-Z][A-Za-z]+");
      assertThat(alert.path("labels").path("severity").asText()).isIn("info", "warning", "critical");
      JsonNode annotations = alert.path("annotations");
      assertThat(annotations.path("summary").asText()).as("%s summary", name).isNotBlank();
      assertThat(annotations.path("description").asText()).as("%s description", name).isNotBlank();
      String url = annotations.path("runbook_url").asText();
      assertThat(url).as("%s runbook_url", name).startsWith("https://").endsWith("/runbook.md#" + name.toLowerCase(Locale.ROOT));
      assertThat(anchors).as("runbook sections").contains(name.toLowerCase(Locale.ROOT));
    });
    assertThat(runbook).as("every runbook section explains meaning, impact, diagnosis and mitigation")
        .contains("**Meaning.**", "**Impact.**", "**Diagnosis.**", "**Mitigation.**");
    assertThat(runbook.split("\\*\\*Diagnosis\\.\\*\\*", -1)).hasSize(alerts().size() + 1);
  }

  @Test
  void everyAlertNamesOnlyMetricsTheOperatorExports() {
    assertThat(alerts()).allSatisfy(alert -> assertThat(PromQlMetricNames.of(alert.path("expr").asText()))
        .as("metrics of %s", alert.path("alert").asText())
        .isNotEmpty()
        .isSubsetOf(ExportedMetrics.queryable()));
  }

  @Test
  void thePromtoolUnitTestsUseTheExactNamesAndLabelsTheOperatorExports() throws IOException {
    JsonNode tests = YAML.readTree(FILES.resolve("alerts-test.yaml").toFile());
    Map<String, Set<Set<String>>> exported = labelSets(RenderedOperatorRun.converged().metrics());
    Set<String> seriesNames = new LinkedHashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode input : test.path("input_series")) {
        String series = input.path("series").asText();
        Matcher m = SERIES.matcher(series);
        assertThat(m.matches()).as(series).isTrue();
        String name = m.group(1);
        seriesNames.add(name);
        assertThat(ExportedMetrics.queryable()).as("series %s of test '%s'", series, test.path("name").asText()).contains(name);
        if (name.startsWith(ExportedMetrics.PREFIX)) {
          // `cluster` is added by Prometheus (external_labels) in a fleet, never by the operator
          Set<String> own = labelNames(m.group(2));
          own.remove("cluster");
          assertThat(exported.get(name)).as("label names of %s", series).contains(own);
        }
      }
    }
    assertThat(seriesNames).as("the unit tests feed every metric the alerts name")
        .containsAll(alerts().stream().flatMap(a -> PromQlMetricNames.of(a.path("expr").asText()).stream()).toList());
  }

  private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=~?\\s*\"(?:[^\"\\\\]|\\\\.)*\"");

  private static Set<String> labelNames(String labels) {
    Set<String> names = new java.util.TreeSet<>();
    if (labels != null) {
      Matcher m = LABEL.matcher(labels);
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Series name to the label-name sets it has in a Prometheus text exposition. */
  private static Map<String, Set<Set<String>>> labelSets(String exposition) {
    Map<String, Set<Set<String>>> out = new java.util.TreeMap<>();
    Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})? ");
    for (String line : exposition.split("\n")) {
      Matcher m = sample.matcher(line);
      if (!line.startsWith("#") && m.find()) {
        out.computeIfAbsent(m.group(1), n -> new LinkedHashSet<>()).add(labelNames(m.group(2)));
      }
    }
    return out;
  }

  private static List<JsonNode> alerts() {
    try {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode group : YAML.readTree(FILES.resolve("alerts.yaml").toFile()).path("groups")) {
        group.path("rules").forEach(out::add);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
