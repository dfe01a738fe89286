package dev.mlops.maturity.evaluation;

import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.M1;
import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.M2;
import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.M3;
import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md section 2: Unknown never lowers a level; Missing does, and is remembered as a regression. */
class RegressionGuardTest {

  private static Workload levelThree() {
    return Workload.on("mlops-5-level").satisfied(ids(M1, M2, M3));
  }

  private static Workload levelTwo() {
    return Workload.on("mlops-5-level").satisfied(ids(M1, M2));
  }

  @Test
  void dropCausedOnlyByUnknownHoldsThePreviousLevelAndIsDegraded() {
    LevelOutcome a = levelTwo().observe(CapabilityState.Unknown, "training-pipeline")
        .evaluate(new PreviousEvaluation(2, false));

    assertThat(a.observedLevel()).isEqualTo(2);
    assertThat(a.strictLevel()).isEqualTo(1);
    assertThat(a.transition()).isEqualTo(LevelTransition.HELD);
    assertThat(a.degraded()).isTrue();
    assertThat(a.unknownCapabilities()).contains("training-pipeline");
    assertThat(a.regressed()).isFalse();
    assertThat(a.regressionCauses()).isEmpty();
    assertThat(a.previousLevel()).isEqualTo(2);
  }

  @Test
  void dropCausedByMissingRegresses() {
    LevelOutcome a = levelTwo().observe(CapabilityState.Missing, "training-pipeline")
        .evaluate(new PreviousEvaluation(2, false));

    assertThat(a.observedLevel()).isEqualTo(1);
    assertThat(a.transition()).isEqualTo(LevelTransition.REGRESSED);
    assertThat(a.regressed()).isTrue();
    assertThat(a.regressionCauses()).containsExactly("training-pipeline");
    assertThat(a.degraded()).isFalse();
  }

  @Test
  void unknownBelowAndMissingAboveRegressesOnlyToWhatUnknownCannotExplain() {
    // previous 3; a level-2 requirement Unknown, a level-3 requirement Missing
    LevelOutcome a = levelThree()
        .observe(CapabilityState.Unknown, "cicd-deployment")
        .observe(CapabilityState.Missing, "feature-store")
        .evaluate(new PreviousEvaluation(3, false));

    assertThat(a.strictLevel()).isEqualTo(1);
    assertThat(a.observedLevel()).isEqualTo(2);
    assertThat(a.transition()).isEqualTo(LevelTransition.REGRESSED);
    assertThat(a.regressionCauses()).containsExactly("feature-store");
    assertThat(a.degraded()).isTrue();
    assertThat(a.unknownCapabilities()).contains("cicd-deployment");
  }

  @Test
  void missingRequirementAtTheHeldLevelRegressesEvenWhenAnotherOfItsRequirementsIsUnknown() {
    LevelOutcome a = levelTwo()
        .observe(CapabilityState.Unknown, "training-pipeline")
        .observe(CapabilityState.Missing, "quality-gate")
        .evaluate(new PreviousEvaluation(2, false));

    assertThat(a.observedLevel()).isEqualTo(1);
    assertThat(a.transition()).isEqualTo(LevelTransition.REGRESSED);
    assertThat(a.regressionCauses()).containsExactly("quality-gate");
  }

  @Test
  void anyOfRegressionIsReportedAsTheAnyOf() {
    LevelOutcome a = levelTwo().observe(CapabilityState.Missing, "scheduled-retraining")
        .evaluate(new PreviousEvaluation(2, false));

    assertThat(a.regressionCauses())
        .containsExactly("anyOf(scheduled-retraining|drift-triggered-retraining|performance-triggered-retraining)");
  }

  @Test
  void unknownNeverRaisesALevel() {
    LevelOutcome a = Workload.on("mlops-5-level").satisfied(M1)
        .observe(CapabilityState.Unknown, "training-pipeline", "cicd-deployment", "scheduled-retraining")
        .declare("quality-gate", "gate results in MLflow")
        .evaluate(new PreviousEvaluation(1, false));

    assertThat(a.observedLevel()).isEqualTo(1);
    assertThat(a.transition()).isEqualTo(LevelTransition.UNCHANGED);
  }

  @Test
  void firstEvaluationCannotHoldAnything() {
    LevelOutcome a = levelTwo().observe(CapabilityState.Unknown, "training-pipeline").evaluate(PreviousEvaluation.NONE);

    assertThat(a.observedLevel()).isEqualTo(1);
    assertThat(a.transition()).isEqualTo(LevelTransition.INITIAL);
    assertThat(a.degraded()).isTrue();
    assertThat(a.previousLevel()).isNull();
  }

  @Test
  void previousLevelAboveTheModelIsTreatedAsAFirstEvaluation() {
    // the target switched from a 5-level model at level 4 to the 3-level one
    LevelOutcome a = Workload.on("google-3-level").evaluate(new PreviousEvaluation(4, true));

    assertThat(a.transition()).isEqualTo(LevelTransition.INITIAL);
    assertThat(a.observedLevel()).isZero();
    assertThat(a.regressed()).isFalse();
  }

  @Test
  void raiseIsReported() {
    LevelOutcome a = levelThree().evaluate(new PreviousEvaluation(1, false));

    assertThat(a.observedLevel()).isEqualTo(3);
    assertThat(a.transition()).isEqualTo(LevelTransition.RAISED);
  }

  @Test
  void regressedFlagStaysUntilARaise() {
    PreviousEvaluation afterRegression = new PreviousEvaluation(1, true);
    Workload atOne = Workload.on("mlops-5-level").satisfied(M1);

    LevelOutcome unchanged = atOne.evaluate(afterRegression);
    assertThat(unchanged.transition()).isEqualTo(LevelTransition.UNCHANGED);
    assertThat(unchanged.regressed()).isTrue();

    LevelOutcome held = Workload.on("mlops-5-level").satisfied(M1).observe(CapabilityState.Unknown, "model-registry")
        .evaluate(afterRegression);
    assertThat(held.transition()).isEqualTo(LevelTransition.HELD);
    assertThat(held.regressed()).isTrue();

    LevelOutcome raised = levelTwo().evaluate(afterRegression);
    assertThat(raised.transition()).isEqualTo(LevelTransition.RAISED);
    assertThat(raised.regressed()).isFalse();
  }

  @Test
  void unchangedLevelWithoutPriorRegressionIsNotRegressed() {
    LevelOutcome a = levelTwo().evaluate(new PreviousEvaluation(2, false));

    assertThat(a.transition()).isEqualTo(LevelTransition.UNCHANGED);
    assertThat(a.regressed()).isFalse();
    assertThat(a.degraded()).isFalse();
  }

  @Test
  void heldLevelStillShowsWhatBlocksTheNextLevel() {
    LevelOutcome a = levelTwo().observe(CapabilityState.Unknown, "training-pipeline")
        .evaluate(new PreviousEvaluation(2, false));

    assertThat(a.nextLevel().orElseThrow().level()).isEqualTo(3);
    assertThat(a.observedLevelName()).isEqualTo("Automated");
  }

  @Test
  void expiredWaiverIsARealDrop() {
    Workload w = levelTwo().observe(CapabilityState.Missing, "quality-gate");
    w.waive("quality-gate", Workload.TODAY.minusDays(1).toString());

    LevelOutcome a = w.evaluate(new PreviousEvaluation(2, false));
    assertThat(a.transition()).isEqualTo(LevelTransition.REGRESSED);
    assertThat(a.regressionCauses()).containsExactly("quality-gate");
  }
}
