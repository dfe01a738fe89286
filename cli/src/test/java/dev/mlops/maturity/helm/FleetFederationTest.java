package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.maturity.demo.DemoRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of two clusters: each runs the real operator on its own API server (the demo's six teams),
 * scraped by its own real Prometheus with external_labels cluster=eu-1 / us-1; a third Prometheus
 * federates both and evaluates the maturity-slo rules. The dashboards' queries, at their defaults
 * (cluster "All"), return both clusters there and one cluster's numbers on that cluster's Prometheus,
 * where series carry no cluster label. Skipped without the binary, except on CI.
 */
class FleetFederationTest {
  private static final Set<String> BOTH = Set.of("eu-1", "us-1");

  @Test
  void theDashboardsAndSloRulesSeeBothClustersThroughFederation(@TempDir Path tmp) throws Exception {
    boolean installed = Files.isExecutable(PrometheusProcess.BINARY);
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI must run the fleet test: install the Debian package prometheus");
    }
    Assumptions.assumeTrue(installed, "prometheus not installed");
    // the shipped SLO rules; only the test's copy evaluates every second instead of every 5 minutes
    Files.writeString(tmp.resolve("slo-rules.yaml"),
        ChartFixture.read(ChartFixture.chart().resolve("files/slo-rules.yaml")).replace("interval: 1h", "interval: 1s"));
    StringWriter log = new StringWriter();
    try (DemoRun eu = new DemoRun(new PrintWriter(log, true), Duration.ofSeconds(120));
        DemoRun us = new DemoRun(new PrintWriter(log, true), Duration.ofSeconds(120))) {
      eu.start(0);
      us.start(0);
      assertThat(eu.awaitConvergence() && us.awaitConvergence()).as(log.toString()).isTrue();
      try (PrometheusProcess euProm = new PrometheusProcess(tmp.resolve("eu-1"), cluster("eu-1", eu.operator().metricsPort()));
          PrometheusProcess usProm = new PrometheusProcess(tmp.resolve("us-1"), cluster("us-1", us.operator().metricsPort()));
          PrometheusProcess global = new PrometheusProcess(tmp.resolve("global"), federating(tmp, euProm.port(), usProm.port()))) {
        within(60, global::log, () -> clusters(global.query(
            "count_over_time(mlops_maturity_level_regressions_total{namespace=\"fraud\"}[1m]) >= 3")).equals(BOTH));

        assertThat(eu.showRegression()).as(log.toString()).isTrue();
        within(60, global::log, () -> !global.query("increase(mlops_maturity_level_regressions_total{cluster=\"eu-1\"}[5m]) > 0").isEmpty()
            && !global.query("target:mlops_maturity_target_met:ratio_30d").isEmpty());

        for (FleetDashboards.Query q : FleetDashboards.queries()) {
          String promql = q.atAll();
          JsonNode result = global.query(promql);
          if (q.dashboard().equals("fleet-overview.json") && promql.contains("by (cluster")) {
            assertThat(clusters(result)).as("%s / %s: %s", q.dashboard(), q.panel(), promql).isEqualTo(BOTH);
          }
          if (promql.contains("by (cluster") && result.size() > 0) {
            assertThat(BOTH).as("%s: %s", promql, result).containsAll(clusters(result));
          }
        }
        String perTarget = "max by (cluster, namespace, target, model) (mlops_maturity_observed_level{cluster=~\".*\", namespace=~\".*\", model=~\".*\"})";
        assertThat(global.query(perTarget)).hasSize(12);
        assertThat(global.query(perTarget.replace("cluster=~\".*\"", "cluster=~\"eu-1\""))).hasSize(6);
        // without the label (a cluster's own Prometheus), the same query at "All" sees that cluster's six targets
        assertThat(euProm.query(perTarget)).hasSize(6).allSatisfy(r -> assertThat(r.path("metric").has("cluster")).isFalse());
        // the regression of eu-1 shows for eu-1 only
        JsonNode regressed = global.query("sort_desc(sum by (cluster, namespace, target, model) (increase("
            + "mlops_maturity_level_regressions_total{cluster=~\".*\", namespace=~\".*\", model=~\".*\"}[1h])) > 0)");
        assertThat(regressed).hasSize(1);
        assertThat(regressed.get(0).path("metric").path("cluster").asText()).isEqualTo("eu-1");
        assertThat(regressed.get(0).path("metric").path("namespace").asText()).isEqualTo("fraud");
        // the SLO rules on the federated view keep both clusters
        assertThat(clusters(global.query("target:mlops_maturity_target_met:ratio_30d"))).isEqualTo(BOTH);
        assertThat(clusters(global.query("target:mlops_maturity_below_target:days_30d"))).isEqualTo(BOTH);
      }
    } finally {
      System.out.print(log);
    }
  }

  private static String cluster(String name, int metricsPort) {
    return """
        global: {scrape_interval: 1s, evaluation_interval: 1s, external_labels: {cluster: %s}}
        scrape_configs:
        - job_name: mlops-maturity-operator
          static_configs:
          - targets: ['127.0.0.1:%d']
        """.formatted(name, metricsPort);
  }

  /** The global Prometheus: /federate of both clusters (their external_labels become the cluster label). */
  private static String federating(Path tmp, int eu, int us) {
    return """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        rule_files: ['%s']
        scrape_configs:
        - job_name: federate
          honor_labels: true
          metrics_path: /federate
          params:
            'match[]': ['{__name__=~"mlops_maturity_.*|up"}']
          static_configs:
          - targets: ['127.0.0.1:%d', '127.0.0.1:%d']
        """.formatted(tmp.resolve("slo-rules.yaml"), eu, us);
  }

  private static Set<String> clusters(JsonNode result) {
    Set<String> out = new TreeSet<>();
    result.forEach(r -> out.add(r.path("metric").path("cluster").asText()));
    return out;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void within(int seconds, java.util.function.Supplier<String> context, Check check) {
    try {
      await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(500)).until(check::holds);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + context.get(), e);
    }
  }
}
