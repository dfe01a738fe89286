package dev.mlops.maturity.evaluation;

import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.M1;
import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.M2;
import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md section 2: Unknown with reason NotConfigured is a stable absence, not a failure. It
 * does not hold a level, never makes the assessment degraded, and a drop it alone explains is
 * INTEGRATION_REMOVED (the level follows the evidence), never a regression.
 */
class NotConfiguredEvidenceTest {
  private static final String REGISTRY = "model-registry";

  private static Workload levelTwo() {
    return Workload.on("mlops-5-level").satisfied(ids(M1, M2));
  }

  @Test
  void notConfiguredHoldsNoLevelAndIsNotDegraded() {
    LevelOutcome a = levelTwo().notConfigured(REGISTRY).evaluate();

    assertThat(M1.contains(REGISTRY) || M2.contains(REGISTRY)).as("the registry is required at level 1 or 2").isTrue();
    assertThat(a.observedLevel()).isLessThan(2);
    assertThat(a.degraded()).isFalse();
    assertThat(a.unknownCapabilities()).isEmpty();
  }

  @Test
  void aDropExplainedOnlyByARemovedIntegrationFollowsTheEvidenceWithoutARegression() {
    LevelOutcome a = levelTwo().notConfigured(REGISTRY).evaluate(new PreviousEvaluation(2, false));

    assertThat(a.observedLevel()).as("follows the evidence, not held").isEqualTo(a.strictLevel()).isLessThan(2);
    assertThat(a.transition()).isEqualTo(LevelTransition.INTEGRATION_REMOVED);
    assertThat(a.regressed()).isFalse();
    assertThat(a.degraded()).isFalse();
    assertThat(a.regressionCauses()).anyMatch(c -> c.contains(REGISTRY));
  }

  @Test
  void aFailingProbeIsStillHeldAndDegradedNextToANotConfiguredOne() {
    LevelOutcome held = levelTwo().observe(CapabilityState.Unknown, REGISTRY).evaluate(new PreviousEvaluation(2, false));
    assertThat(held.transition()).isEqualTo(LevelTransition.HELD);
    assertThat(held.degraded()).isTrue();
  }

  @Test
  void aMissingCapabilityNextToARemovedIntegrationIsStillARegression() {
    String missing = M1.stream().filter(id -> !id.equals(REGISTRY)).filter(id -> !Workload.declaredOnly(id)).findFirst().orElseThrow();
    LevelOutcome a = levelTwo().notConfigured(REGISTRY).observe(CapabilityState.Missing, missing).evaluate(new PreviousEvaluation(2, false));

    assertThat(a.transition()).isEqualTo(LevelTransition.REGRESSED);
    assertThat(a.regressed()).isTrue();
  }
}
