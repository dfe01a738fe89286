package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The running operator with reports.enabled on the mock API server, with the vendored OpenReports Report CRD
 * installed and absent: one Report per target, owned by it, replaced (never appended) and written only on change;
 * an absent CRD costs one log line and no write attempts.
 */
class OpenReportsOutputTest {
  private static final Map<String, String> FRAUD = MockCluster.FRAUD;
  private static final Duration QUICK = Duration.ofSeconds(10);
  private static final String WRITES_POST = "POST " + OpenReportsCluster.REPORTS_PATH;
  private static final String WRITES_PUT = "PUT " + OpenReportsCluster.REPORTS_PATH;

  private OpenReportsCluster cluster;
  private OperatorHandle operator;

  private void start(boolean reportsEnabled) {
    operator = OperatorApp.start(cluster.client, new TestProbes().probeSet(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
            .withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY.withReportsEnabled(reportsEnabled)));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    cluster.close();
  }

  private long writes() {
    return cluster.count("POST", OpenReportsCluster.REPORTS_PATH) + cluster.count("PUT", OpenReportsCluster.REPORTS_PATH)
        + cluster.count("PATCH", OpenReportsCluster.REPORTS_PATH);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(GenericKubernetesResource report) {
    return (List<Map<String, Object>>) report.getAdditionalProperties().get("results");
  }

  private static Map<String, Object> result(GenericKubernetesResource report, String capability) {
    return results(report).stream().filter(r -> capability.equals(r.get("rule"))).findFirst().orElseThrow();
  }

  /** Changes the target's spec without changing what it measures: a reconcile whose results are the same. */
  private void touch(String name, String interval) {
    MaturityTarget t = cluster.get("team-a", name);
    t.getSpec().evaluationInterval = interval;
    t.setStatus(null);
    cluster.client.resource(t).update();
    long generation = cluster.get("team-a", name).getMetadata().getGeneration();
    await().atMost(QUICK).until(() -> {
      MaturityTarget now = cluster.get("team-a", name);
      return now.getStatus() != null && Long.valueOf(generation).equals(now.getStatus().observedGeneration);
    });
  }

  @Test
  void eachTargetGetsOneOwnedReportWrittenOnlyWhenItChangesAndReplacedNotAppended() {
    cluster = OpenReportsCluster.start();
    cluster.installReportCrd();
    cluster.installCronWorkflowCrd();
    cluster.createTestModel();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    start(true);
    MaturityTarget target = cluster.create(MockCluster.target("team-a", "fraud", 2, FRAUD));

    await().atMost(QUICK).until(() -> cluster.report("team-a", "fraud") != null);
    GenericKubernetesResource report = cluster.report("team-a", "fraud");
    assertThat(report.getApiVersion()).isEqualTo("openreports.io/v1alpha1");
    assertThat(report.getKind()).isEqualTo("Report");
    assertThat(report.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("MaturityTarget");
      assertThat(o.getApiVersion()).isEqualTo("maturity.mlops.dev/v1alpha1");
      assertThat(o.getName()).isEqualTo("fraud");
      assertThat(o.getUid()).isEqualTo(cluster.get("team-a", "fraud").getMetadata().getUid()).isNotBlank();
      assertThat(o.getController()).isTrue();
    });
    assertThat(report.getAdditionalProperties()).containsEntry("source", "mlops-maturity")
        .containsEntry("summary", Map.of("pass", 1, "fail", 1, "warn", 0, "error", 0, "skip", 0));
    assertThat(report.getAdditionalProperties().get("scope")).isEqualTo(Map.of("apiVersion", "maturity.mlops.dev/v1alpha1",
        "kind", "MaturityTarget", "namespace", "team-a", "name", "fraud", "uid", target.getMetadata().getUid()));
    assertThat(results(report)).hasSize(2);
    assertThat(result(report, "health-monitoring")).containsEntry("result", "pass").containsEntry("policy", "test-model")
        .containsEntry("category", "Level 1: Served").containsEntry("severity", "critical").containsEntry("source", "mlops-maturity");
    assertThat(result(report, "scheduled-retraining")).containsEntry("result", "fail").containsEntry("category", "Level 2: Retrained")
        .containsEntry("severity", "high");
    assertThat(writes()).isEqualTo(1);

    touch("fraud", "2h");
    touch("fraud", "3h");
    assertThat(writes()).as("reconciles that change no result write nothing").isEqualTo(1);

    cluster.createCronWorkflow("team-a", "fraud-retrain", FRAUD);
    await().atMost(QUICK).until(() -> "pass".equals(result(cluster.report("team-a", "fraud"), "scheduled-retraining").get("result")));
    GenericKubernetesResource replaced = cluster.report("team-a", "fraud");
    assertThat(results(replaced)).as("replaced, not appended").hasSize(2);
    assertThat(replaced.getAdditionalProperties()).containsEntry("summary", Map.of("pass", 2, "fail", 0, "warn", 0, "error", 0, "skip", 0));
    assertThat(cluster.count("POST", OpenReportsCluster.REPORTS_PATH)).isEqualTo(1);
    assertThat(cluster.count("PUT", OpenReportsCluster.REPORTS_PATH)).isEqualTo(1);
    assertThat(cluster.count("PATCH", OpenReportsCluster.REPORTS_PATH)).isZero();
  }

  @Test
  void withoutTheCrdTheOperatorSaysSoOnceAndNeverTriesToWrite() {
    cluster = OpenReportsCluster.start();
    cluster.createTestModel();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      start(true);
      cluster.create(MockCluster.target("team-a", "fraud", 2, FRAUD));
      cluster.create(MockCluster.target("team-a", "fraud-second", 1, FRAUD));
      await().atMost(QUICK).until(() -> cluster.level("team-a", "fraud") != null && cluster.level("team-a", "fraud-second") != null);
      touch("fraud", "2h");
      touch("fraud-second", "2h");
      touch("fraud", "3h");
      System.err.flush();
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log.lines().filter(l -> l.contains("OpenReports"))).singleElement().asString()
        .contains("reports.enabled is true but the CRD reports.openreports.io is not installed", "no Report is written");
    assertThat(cluster.reportRequests()).as("no write attempts, no reads of Reports").isZero();
    assertThat(cluster.count("GET", OpenReportsCluster.CRD_PATH)).as("the CRD is looked up once, not per reconcile").isEqualTo(1);
    assertThat(operator.live()).isTrue();
    assertThat(cluster.get("team-a", "fraud").getStatus().observedLevel).isEqualTo(1);
  }

  @Test
  void reportsAreOffByDefaultEvenWithTheCrdInstalled() {
    cluster = OpenReportsCluster.start();
    cluster.installReportCrd();
    cluster.createTestModel();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    start(false);
    cluster.create(MockCluster.target("team-a", "fraud", 2, FRAUD));
    await().atMost(QUICK).until(() -> cluster.level("team-a", "fraud") != null);
    touch("fraud", "2h");

    assertThat(cluster.reportRequests()).isZero();
    assertThat(cluster.count("GET", OpenReportsCluster.CRD_PATH)).isZero();
  }
}
