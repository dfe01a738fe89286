package dev.mlops.maturity.reconciler;

import static dev.mlops.maturity.reconciler.MockCluster.CHURN;
import static dev.mlops.maturity.reconciler.MockCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real operator against a CRUD mock API server: convergence, event-driven regressions, Unknown, metrics, writes. */
class MaturityTargetReconcilerTest {
  private static final Duration QUICK = Duration.ofSeconds(5);

  private TestCluster cluster;
  private TestProbes probes;
  private OperatorHandle operator;

  @BeforeEach
  void startCluster() {
    cluster = TestCluster.start();
    probes = new TestProbes();
    cluster.createTwoTeams();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    cluster.close();
  }

  private void startOperator() {
    operator = OperatorApp.start(cluster.client, probes.probeSet(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10)).withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
  }

  private MaturityTarget awaitLevel(String ns, String name, int level) {
    await().atMost(QUICK).pollInterval(Duration.ofMillis(50)).until(() -> {
      MaturityTarget t = cluster.get(ns, name);
      return t != null && t.getStatus() != null && Integer.valueOf(level).equals(t.getStatus().observedLevel);
    });
    return cluster.get(ns, name);
  }

  private static Condition condition(MaturityTarget t, String type) {
    return Conditions.find(t.getStatus().conditions, type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  @Test
  void convergesToTheObservedLevelWithPrinterColumnFields() {
    startOperator();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));

    MaturityTarget t = awaitLevel("team-a", "fraud", 2);

    assertThat(t.getStatus().observedLevelName).isEqualTo("Retrained");
    assertThat(t.getStatus().targetMet).isTrue();
    assertThat(t.getStatus().targetLevel).isEqualTo(2);
    assertThat(t.getStatus().model).isEqualTo("test-model");
    assertThat(t.getStatus().observedGeneration).isEqualTo(t.getMetadata().getGeneration());
    assertThat(t.getStatus().capabilities).extracting(c -> c.id + "=" + c.state)
        .containsExactly("health-monitoring=Satisfied", "scheduled-retraining=Satisfied");
    assertThat(t.getStatus().capabilities.get(1).evidence).containsExactly("argoproj.io/CronWorkflow team-a/fraud-retrain");
    assertThat(condition(t, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(condition(t, Conditions.TARGET_MET).getStatus()).isEqualTo("True");
    assertThat(condition(t, Conditions.REGRESSED).getStatus()).isEqualTo("False");
    assertThat(condition(t, Conditions.DEGRADED).getStatus()).isEqualTo("False");
    assertThat(t.getStatus().conditions).allSatisfy(c -> {
      assertThat(c.getLastTransitionTime()).isNotBlank();
      assertThat(c.getObservedGeneration()).isEqualTo(t.getMetadata().getGeneration());
    });
    assertThat(t.getStatus().nextLevel).isNull();
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.TARGET_MET).size() == 1);
  }

  @Test
  void deletingTheScheduleRegressesOnlyItsTargetAndRecreatingItRaisesItBack() {
    startOperator();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    cluster.create(TestCluster.target("team-b", "churn", 2, CHURN));
    awaitLevel("team-a", "fraud", 2);
    awaitLevel("team-b", "churn", 2);

    cluster.deleteCronWorkflow("team-a", "fraud-retrain");

    MaturityTarget fraud = awaitLevel("team-a", "fraud", 1);
    assertThat(condition(fraud, Conditions.REGRESSED).getStatus()).isEqualTo("True");
    assertThat(condition(fraud, Conditions.REGRESSED).getMessage()).contains("scheduled-retraining");
    assertThat(fraud.getStatus().history).singleElement().satisfies(h -> {
      assertThat(h.from).isEqualTo(2);
      assertThat(h.to).isEqualTo(1);
    });
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.LEVEL_REGRESSED).size() == 1);
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED).get(0).getType()).isEqualTo("Warning");
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED).get(0).getMessage()).contains("scheduled-retraining");
    String metrics = TestCluster.scrape(operator.metricsPort());
    assertThat(metrics).contains("mlops_maturity_level_regressions_total{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0");
    assertThat(metrics).contains("mlops_maturity_level_regressions_total{model=\"test-model\",namespace=\"team-b\",target=\"churn\"} 0.0");

    MaturityTarget churn = cluster.get("team-b", "churn");
    assertThat(churn.getStatus().observedLevel).isEqualTo(2);
    assertThat(churn.getStatus().history).isEmpty();
    assertThat(cluster.events("team-b", TargetEvents.LEVEL_REGRESSED)).isEmpty();

    cluster.createCronWorkflow("team-a", "fraud-retrain", FRAUD);

    fraud = awaitLevel("team-a", "fraud", 2);
    assertThat(condition(fraud, Conditions.REGRESSED).getStatus()).isEqualTo("False");
    assertThat(fraud.getStatus().history).hasSize(2);
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.LEVEL_RAISED).size() == 1);
  }

  @Test
  void suspendingTheScheduleRegressesTheTarget() {
    startOperator();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    awaitLevel("team-a", "fraud", 2);

    cluster.client.genericKubernetesResources(TestCluster.CRON_WORKFLOWS).inNamespace("team-a").withName("fraud-retrain")
        .edit(cw -> {
          cw.setAdditionalProperty("spec", Map.of("schedules", java.util.List.of("0 3 * * 1"), "suspend", true));
          return cw;
        });

    MaturityTarget fraud = awaitLevel("team-a", "fraud", 1);
    assertThat(fraud.getStatus().capabilities.get(1).message).contains("fraud-retrain is suspended");
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.LEVEL_REGRESSED).size() == 1);
  }

  @Test
  void anUnknownOnlyDropHoldsTheLevelAsDegradedWithoutARegression() {
    startOperator();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    awaitLevel("team-a", "fraud", 2);

    probes.scheduleProbeDown.set(true);
    touchCronWorkflow("team-a", "fraud-retrain", "1");

    await().atMost(QUICK).until(() -> Conditions.isTrue(cluster.get("team-a", "fraud").getStatus().conditions, Conditions.DEGRADED));
    MaturityTarget fraud = cluster.get("team-a", "fraud");
    assertThat(fraud.getStatus().observedLevel).isEqualTo(2);
    assertThat(condition(fraud, Conditions.REGRESSED).getStatus()).isEqualTo("False");
    assertThat(condition(fraud, Conditions.DEGRADED).getMessage()).contains("scheduled-retraining").contains("held");
    assertThat(fraud.getStatus().history).isEmpty();
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.PROBE_FAILING).size() == 1);

    touchCronWorkflow("team-a", "fraud-retrain", "2");
    awaitEvaluations(3);
    assertThat(cluster.events("team-a", TargetEvents.PROBE_FAILING)).as("deduplicated").hasSize(1);
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED)).isEmpty();
    assertThat(TestCluster.scrape(operator.metricsPort()))
        .contains("mlops_maturity_level_regressions_total{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 0.0")
        .contains("mlops_maturity_observed_level{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 2.0")
        .doesNotContain("capability=\"scheduled-retraining\"")
        .contains("mlops_maturity_degraded{namespace=\"team-a\",target=\"fraud\"} 1.0")
        // one error per evaluation that saw the probe Unknown (at least the two touches)
        .containsPattern("mlops_maturity_probe_errors_total\\{probe=\"scheduled-retraining\"} ([2-9]|\\d\\d+)\\.0");
  }

  @Test
  void aDeletedTargetsSeriesVanishFromMetrics() {
    startOperator();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    cluster.create(TestCluster.target("team-b", "churn", 2, CHURN));
    awaitLevel("team-a", "fraud", 2);
    awaitLevel("team-b", "churn", 2);
    await().atMost(QUICK).until(() -> TestCluster.scrape(operator.metricsPort()).contains("target=\"fraud\""));
    assertThat(TestCluster.scrape(operator.metricsPort()))
        .contains("mlops_maturity_capability_satisfied{capability=\"scheduled-retraining\",model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0")
        .contains("mlops_maturity_target_met{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0")
        .contains("mlops_maturity_level_gap{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 0.0")
        .contains("mlops_maturity_last_evaluation_timestamp_seconds{namespace=\"team-a\",target=\"fraud\"}")
        .contains("mlops_maturity_evaluation_duration_seconds_bucket")
        .as("JVM and process series for the standard dashboards").contains("jvm_memory_used_bytes{", "process_cpu_usage")
        .as("probe latency per family").containsPattern("mlops_maturity_probe_duration_seconds_bucket\\{family=\"[a-z]+\",le=");

    cluster.client.resources(MaturityTarget.class).inNamespace("team-a").withName("fraud").delete();

    await().atMost(QUICK).until(() -> !TestCluster.scrape(operator.metricsPort()).contains("target=\"fraud\""));
    String after = TestCluster.scrape(operator.metricsPort());
    assertThat(after).contains("target=\"churn\"");
    assertThat(after.lines().filter(l -> l.startsWith("operator_sdk_")))
        .as("the framework's own series carry no per-resource labels").isNotEmpty()
        .noneMatch(l -> l.contains("churn") || l.contains("fraud"));
  }

  @Test
  void aTargetDeletedAndRecreatedAtOnceUnderTheSameNameIsEvaluatedAgain() {
    startOperator();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    awaitLevel("team-a", "fraud", 2);

    cluster.client.resources(MaturityTarget.class).inNamespace("team-a").withName("fraud").delete();
    cluster.create(TestCluster.target("team-a", "fraud", 1, FRAUD));

    awaitLevel("team-a", "fraud", 2);
    await().atMost(QUICK).until(() -> cluster.get("team-a", "fraud").getStatus().targetLevel == 1);
  }

  @Test
  void theStatusIsNotPatchedAgainWhenNothingChanged() {
    startOperator();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    awaitLevel("team-a", "fraud", 2);
    await().atMost(QUICK).until(() -> cluster.statusPatchCount() >= 1);
    int patches = cluster.statusPatchCount();
    double before = evaluations();

    for (int i = 0; i < 3; i++) {
      touchCronWorkflow("team-a", "fraud-retrain", "n" + i);
      awaitEvaluations(before + i + 1);
    }

    assertThat(cluster.statusPatchCount()).isEqualTo(patches);
  }

  @Test
  void invalidSpecsGiveReadyFalseWithAReasonThatSaysWhatToFix() {
    startOperator();
    cluster.client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityModel
        metadata:
          name: broken
        spec:
          levels:
          - level: 0
            name: Manual
          - level: 2
            name: Skipped
            requires:
            - capability: scheduled-retraining
        """, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
    MaturityTarget unknown = TestCluster.target("team-a", "unknown-model", 1, FRAUD);
    unknown.getSpec().model = "no-such-model";
    MaturityTarget broken = TestCluster.target("team-a", "broken-model", 1, FRAUD);
    broken.getSpec().model = "broken";
    cluster.create(unknown);
    cluster.create(broken);
    cluster.create(TestCluster.target("team-a", "too-high", 5, FRAUD));

    Condition unknownReady = awaitReady("unknown-model");
    assertThat(unknownReady.getStatus()).isEqualTo("False");
    assertThat(unknownReady.getReason()).isEqualTo("UnknownModel");
    assertThat(unknownReady.getMessage()).contains("no-such-model");
    Condition brokenReady = awaitReady("broken-model");
    assertThat(brokenReady.getReason()).isEqualTo("InvalidModel");
    assertThat(brokenReady.getMessage()).contains("level 1 is missing");
    Condition tooHigh = awaitReady("too-high");
    assertThat(tooHigh.getReason()).isEqualTo("TargetLevelOutOfRange");
    assertThat(tooHigh.getMessage()).contains("spec.targetLevel").contains("test-model");
    assertThat(cluster.get("team-a", "too-high").getStatus().observedLevel).as("still evaluated").isEqualTo(2);
  }

  private Condition awaitReady(String name) {
    await().atMost(QUICK).until(() -> {
      MaturityTarget t = cluster.get("team-a", name);
      return t.getStatus() != null && Conditions.find(t.getStatus().conditions, Conditions.READY).isPresent();
    });
    return condition(cluster.get("team-a", name), Conditions.READY);
  }

  /** A change that does not alter any verdict: an annotation on the CronWorkflow. */
  private void touchCronWorkflow(String ns, String name, String value) {
    cluster.client.genericKubernetesResources(TestCluster.CRON_WORKFLOWS).inNamespace(ns).withName(name).edit(cw -> {
      cw.getMetadata().setAnnotations(Map.of("test/touch", value));
      return cw;
    });
  }

  private double evaluations() {
    return operator.registry().get("mlops.maturity.evaluation.duration").timer().count();
  }

  private void awaitEvaluations(double atLeast) {
    await().atMost(QUICK).until(() -> evaluations() >= atLeast);
  }
}
