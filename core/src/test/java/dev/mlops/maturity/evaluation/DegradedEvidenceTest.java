package dev.mlops.maturity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Degraded means: Unknown evidence hides a level. Unknowns that cannot change the level do not count. */
class DegradedEvidenceTest {
  private final MaturityModelDefinition model = BuiltInModels.load().find("mlops-5-level").orElseThrow();

  private Map<String, Evidence> allMissing() {
    Map<String, Evidence> m = new HashMap<>();
    model.capabilities().forEach(id -> m.put(id, Evidence.missing(id, "none")));
    return m;
  }

  private static void satisfy(Map<String, Evidence> m, String... ids) {
    for (String id : ids) {
      m.put(id, Evidence.satisfied(id, "seen", List.of()));
    }
  }

  private LevelOutcome evaluate(Map<String, Evidence> m) {
    return LevelEvaluator.evaluate(model, m, 2, PreviousEvaluation.NONE);
  }

  @Test
  void unknownThatHidesALevelMakesItDegraded() {
    Map<String, Evidence> m = allMissing();
    satisfy(m, "model-registry", "model-versioning", "manual-retraining-documented", "retrain-by-others");
    m.put("health-monitoring", Evidence.unknown("health-monitoring", "prometheus unreachable"));
    LevelOutcome a = evaluate(m);
    assertThat(a.observedLevel()).isZero();
    assertThat(a.degraded()).isTrue();
    assertThat(a.unknownCapabilities()).containsExactly("health-monitoring");
  }

  @Test
  void unknownAboveAMissingGapOrOnlyRecommendedIsNotDegraded() {
    Map<String, Evidence> m = allMissing();
    satisfy(m, "model-registry", "model-versioning", "health-monitoring", "manual-retraining-documented", "retrain-by-others");
    m.put("gpu-utilisation", Evidence.unknown("gpu-utilisation", "no DCGM series"));
    m.put("pipeline-decides-deployment", Evidence.unknown("pipeline-decides-deployment", "no probe"));
    LevelOutcome a = evaluate(m);
    assertThat(a.observedLevel()).isEqualTo(1);
    assertThat(a.degraded()).as("level 2 is blocked by Missing training-pipeline whatever the Unknowns are").isFalse();
  }

  @Test
  void unknownAnyOfMemberIsIrrelevantWhenAnotherMemberHolds() {
    Map<String, Evidence> m = allMissing();
    satisfy(m, "model-registry", "model-versioning", "health-monitoring", "manual-retraining-documented", "retrain-by-others",
        "training-pipeline", "cicd-deployment", "quality-gate", "scheduled-retraining");
    m.put("drift-triggered-retraining", Evidence.unknown("drift-triggered-retraining", "Sensor list forbidden"));
    LevelOutcome a = evaluate(m);
    assertThat(a.observedLevel()).isEqualTo(2);
    assertThat(a.degraded()).isFalse();
  }
}
