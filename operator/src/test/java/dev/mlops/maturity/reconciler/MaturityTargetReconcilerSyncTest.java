package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.status.Conditions;
import dev.mlops.maturity.status.StatusFactory;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reconciler called synchronously with a fake JOSDK Context, counting status writes (as the Flink
 * operator's TestingFlinkDeploymentController does with its StatusUpdateCounter): what is written, when
 * nothing is, and what an exception in the pipeline leaves in the status.
 */
class MaturityTargetReconcilerSyncTest {
  private static final String[] FRAUD_TAGS = {"namespace", "team-a", "target", "fraud"};

  private final ReconcilerHarness h = new ReconcilerHarness(TestCluster.target("team-a", "fraud", 2, MockCluster.FRAUD)).withFraudWorkload();

  private Condition condition(String type) {
    return Conditions.find(h.stored().getStatus().conditions, type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  @Test
  void aSecondReconcileWithNothingChangedWritesNothingAndAnnouncesNothing() {
    h.reconcile();
    assertThat(h.server.count()).isEqualTo(1);
    assertThat(h.stored().getStatus().observedLevel).isEqualTo(2);
    assertThat(h.eventReasons()).containsExactly(TargetEvents.TARGET_MET);

    h.clock.advance(Duration.ofMinutes(5));
    h.reconcile();
    h.reconcile();

    assertThat(h.server.count()).as("only timestamps would differ").isEqualTo(1);
    assertThat(h.eventReasons()).containsExactly(TargetEvents.TARGET_MET);
    assertThat(h.registry.get("mlops.maturity.evaluation.duration").timer().count()).isEqualTo(3);
  }

  @Test
  void conditionsKeepTheirLastTransitionTimeWhenTheirStatusDoesNotFlip() {
    h.reconcile();
    String firstTime = condition(Conditions.READY).getLastTransitionTime();

    h.clock.advance(Duration.ofMinutes(7));
    h.probes.scheduleProbeDown.set(true);
    h.reconcile();

    assertThat(h.server.count()).isEqualTo(2);
    assertThat(condition(Conditions.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(Conditions.DEGRADED).getLastTransitionTime()).as("flipped").isEqualTo("2026-11-22T10:07:00Z");
    assertThat(condition(Conditions.READY).getLastTransitionTime()).as("did not flip").isEqualTo(firstTime).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(condition(Conditions.TARGET_MET).getLastTransitionTime()).isEqualTo(firstTime);
    assertThat(h.stored().getStatus().observedLevel).as("held").isEqualTo(2);
    assertThat(h.eventReasons()).containsExactly(TargetEvents.TARGET_MET, TargetEvents.PROBE_FAILING);
  }

  @Test
  void aRealRegressionIsWrittenOnceAndAnnouncedOnce() {
    h.reconcile();
    h.hidden.add("fraud-retrain");

    h.reconcile();
    h.reconcile();

    assertThat(h.server.count()).isEqualTo(2);
    assertThat(h.stored().getStatus().observedLevel).isEqualTo(1);
    assertThat(condition(Conditions.REGRESSED).getStatus()).isEqualTo("True");
    assertThat(h.eventReasons()).containsExactly(TargetEvents.TARGET_MET, TargetEvents.LEVEL_REGRESSED);
    assertThat(h.registry.get("mlops.maturity.level.regressions").tags(FRAUD_TAGS).counter().count()).isEqualTo(1.0);
  }

  @Test
  void anExceptionInThePipelineSetsReadyFalseAndDegradedTrueKeepingTheLastLevel() {
    h.reconcile();
    assertThat(h.gauge("mlops.maturity.degraded", FRAUD_TAGS)).isZero();

    h.broken = new IllegalStateException("informer cache for MaturityModel is gone");
    h.reconcile();

    assertThat(h.lastFailure).isSameAs(h.broken);
    assertThat(h.server.count()).isEqualTo(2);
    assertThat(condition(Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(Conditions.READY).getReason()).isEqualTo(StatusFactory.EVALUATION_FAILED);
    assertThat(condition(Conditions.READY).getMessage()).contains("IllegalStateException: informer cache for MaturityModel is gone");
    assertThat(condition(Conditions.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(Conditions.DEGRADED).getReason()).isEqualTo(StatusFactory.EVALUATION_FAILED);
    assertThat(condition(Conditions.TARGET_MET).getStatus()).as("kept").isEqualTo("True");
    assertThat(h.stored().getStatus().observedLevel).as("the last level stays").isEqualTo(2);
    assertThat(h.gauge("mlops.maturity.degraded", FRAUD_TAGS)).isEqualTo(1.0);

    h.reconcile();
    assertThat(h.server.count()).as("the same failure writes nothing more").isEqualTo(2);

    h.broken = null;
    h.reconcile();
    assertThat(h.server.count()).isEqualTo(3);
    assertThat(condition(Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(condition(Conditions.DEGRADED).getStatus()).isEqualTo("False");
    assertThat(h.gauge("mlops.maturity.degraded", FRAUD_TAGS)).isZero();
  }

  @Test
  void aFailureMessageIsShortAndAFailedStatusWriteStillMarksTheTargetDegraded() {
    h.reconcile();
    h.broken = new IllegalArgumentException("x".repeat(10_000));
    h.reconcile();
    assertThat(condition(Conditions.READY).getMessage()).hasSizeLessThan(EvaluationFailure.LIMIT + 40).endsWith("...");

    h.broken = null;
    h.probes.scheduleProbeDown.set(true);
    h.server.failWith(503);
    h.reconcile();

    assertThat(h.lastFailure).hasMessageContaining("503");
    assertThat(h.server.count()).as("nothing could be written").isEqualTo(2);
    assertThat(h.gauge("mlops.maturity.degraded", FRAUD_TAGS)).as("metrics follow the evaluation, not the write").isEqualTo(1.0);
    assertThat(EvaluationFailure.describe(h.lastFailure)).isEqualTo("the Kubernetes API answered HTTP 503").doesNotContain("<body>");
  }

  @Test
  void aDeleteDropsTheTargetsSeriesWithoutAWrite() {
    h.reconcile();
    assertThat(h.gauge("mlops.maturity.observed.level", FRAUD_TAGS)).isEqualTo(2.0);

    h.reconciler.reconcile(h.stored(), FakeContext.deleted());

    assertThat(h.registry.find("mlops.maturity.observed.level").tags(FRAUD_TAGS).gauge()).isNull();
    assertThat(h.server.count()).isEqualTo(1);
  }

  @Test
  void theOperatorAndAssessReportTheSameProblemForASelectorThatMatchesNothing() {
    MaturityTarget typo = TestCluster.target("team-a", "typo", 1, Map.of("app.kubernetes.io/part-of", "fraud-detecter"));
    ReconcilerHarness operator = new ReconcilerHarness(typo).withFraudWorkload();

    operator.reconcile();
    Condition ready = Conditions.find(operator.stored().getStatus().conditions, Conditions.READY).orElseThrow();

    EvidenceCollector collector = new EvidenceCollector(operator.probes.probeSet(), ProbeSettings.DEFAULTS, operator.clock);
    var assessed = new TargetAssessor(collector, operator.clock).assess(typo, new ClusterModels(BuiltInModels.load(), operator.objects),
        operator.objects, ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE);
    assertThat(assessed.problems()).extracting(SpecProblem::reason).containsExactly("SelectorMatchesNothing");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(assessed.problems().get(0).reason());
    assertThat(ready.getMessage()).isEqualTo(assessed.problems().get(0).toString());
    assertThat(operator.stored().getStatus().observedLevel).as("still evaluated").isZero();
  }
}
