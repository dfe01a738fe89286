package dev.mlops.maturity.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evaluation.LevelEvaluator;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Exercise;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status carries each capability's lastExercised, when its probe saw a successful run. */
class ExercisedStatusTest {
  @Test
  void lastExercisedIsTheNewestSuccessfulRunInRfc3339AndAbsentOtherwise() {
    Map<String, Evidence> evidence = Map.of(
        "health-monitoring", Evidence.satisfied("health-monitoring", "ok", List.of("apps/Deployment a/web")),
        "scheduled-retraining", Evidence.satisfied("scheduled-retraining", "nightly", List.of())
            .withExercise(Exercise.at(Instant.parse("2026-11-20T02:41:17.250Z"), "argoproj.io/Workflow a/nightly-1")),
        "alerting", Evidence.missing("alerting", "no rules"));
    var outcome = LevelEvaluator.evaluate(StatusFactoryTest.MODEL, evidence, 2, PreviousEvaluation.NONE);

    MaturityTargetStatus s = new StatusFactory(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC))
        .evaluated(StatusFactoryTest.target(null, 1), outcome, List.of());

    assertThat(s.capabilities).filteredOn(c -> c.id.equals("scheduled-retraining")).extracting((CapabilityStatus c) -> c.lastExercised)
        .containsExactly("2026-11-20T02:41:17Z");
    assertThat(s.capabilities).filteredOn(c -> !c.id.equals("scheduled-retraining")).extracting((CapabilityStatus c) -> c.lastExercised)
        .containsOnlyNulls();
  }
}
