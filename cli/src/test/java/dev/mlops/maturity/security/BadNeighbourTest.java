package dev.mlops.maturity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.reconciler.MockCluster;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import dev.mlops.maturity.reconciler.TestProbes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 finding 3 (and 5, size): where the API server does not enforce the CRD schema, one team's
 * MaturityTarget of the wrong shape (a string targetLevel, a string selector, a map as expires, a null
 * label value, 1 MB reasons) gets Ready=False naming the field, and every other target is evaluated as usual
 * by the operator and by `assess`.
 */
class BadNeighbourTest {
  /** Each hostile object, with the field its Ready=False must name. */
  static final List<String[]> HOSTILE = List.of(
      new String[] {"level-as-word", "spec.targetLevel", """
          spec: {model: test-model, targetLevel: "three", workload: {selector: {matchLabels: {app: x}}}}"""},
      new String[] {"string-selector", "spec.workload.selector", """
          spec: {model: test-model, targetLevel: 1, workload: {selector: "app=x"}}"""},
      new String[] {"map-expiry", "spec.waivers[0].expires", """
          spec: {model: test-model, targetLevel: 1, workload: {selector: {matchLabels: {app: x}}},
                 waivers: [{capability: health-monitoring, reason: r, expires: {year: 2030}}]}"""},
      new String[] {"null-label", "spec.workload.selector.matchLabels.app", """
          spec: {model: test-model, targetLevel: 1, workload: {selector: {matchLabels: {app: null}}}}"""});

  @TempDir
  Path dir;
  HostileCluster cluster;
  OperatorHandle operator;

  @BeforeEach
  void start() {
    cluster = HostileCluster.start();
    cluster.createTwoTeams();
    for (String[] h : HOSTILE) {
      cluster.createRaw("apiVersion: maturity.mlops.dev/v1alpha1\nkind: MaturityTarget\nmetadata: {name: " + h[0]
          + ", namespace: attacker}\n" + h[2]);
    }
    cluster.createRaw("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: huge-reasons, namespace: attacker}
        spec:
          model: test-model
          targetLevel: 2
          workload: {selector: {matchLabels: {app: x}}}
          waivers:
          - {capability: health-monitoring, reason: "%s"}
          notApplicable:
          - {capability: scheduled-retraining, reason: "%s"}
        """.formatted("w".repeat(300_000), "n".repeat(300_000)));
    cluster.create(MockCluster.target("team-a", "fraud", 2, MockCluster.FRAUD));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    cluster.close();
  }

  @Test
  void theOperatorBecomesReadyEvaluatesTheNeighbourAndNamesEachBadField() {
    operator = OperatorApp.start(cluster.client, new TestProbes().probeSet(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(5))
            .withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));

    await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(2).equals(cluster.level("team-a", "fraud")));
    assertThat(operator.ready()).isTrue();
    for (String[] h : HOSTILE) {
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.rawJson("attacker", h[0]).contains("\"Ready\""));
      String json = cluster.rawJson("attacker", h[0]);
      assertThat(json).as(h[0]).contains("\"status\":\"False\"").contains(h[1]);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.rawJson("attacker", "huge-reasons").contains("\"observedLevel\""));
    String status = cluster.rawJson("attacker", "huge-reasons");
    // the stored object holds 600 KB of reasons; the status written for it stays small
    String statusOnly = status.substring(status.indexOf("\"status\":{"));
    assertThat(statusOnly.length()).as("status size").isLessThan(16_000);
    assertThat(operator.live()).isTrue();
  }

  @Test
  void assessEvaluatesEveryGoodTargetAndReportsEachBadOneWithItsField() throws Exception {
    Path kubeconfig = cluster.kubeconfig(dir);

    Commands run = Commands.run("assess", "--kubeconfig", kubeconfig.toString(), "-o", "json");

    assertThat(run.exit()).as(run.err()).isNotEqualTo(2);
    // the good neighbour is evaluated as usual: its level and its evidence are there
    String fraud = run.out().substring(run.out().indexOf("\"name\" : \"fraud\""));
    assertThat(fraud).contains("\"observedLevel\" : ").contains("\"evidence\" : [ \"argoproj.io/CronWorkflow team-a/fraud-retrain\" ]");
    for (String[] h : HOSTILE) {
      assertThat(run.out()).as(h[0]).contains("\"name\" : \"" + h[0] + "\"").contains(h[1]);
    }
    assertThat(run.out().length()).as("report size with 600 KB of reasons in the input").isLessThan(60_000);
  }
}
