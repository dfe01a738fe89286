package dev.mlops.maturity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.Waiver;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Exercise;
import dev.mlops.maturity.model.ExerciseWindow;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import dev.mlops.maturity.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** exercisedWithin through the evaluation: the window with the injected clock, then the policy, then the level rule. */
class ExercisedWindowTest {
  static final MaturityModelDefinition MODEL = new MaturityModelDefinition("exercised", "", List.of(
      new Level(0, "None", "", List.of(), List.of()),
      new Level(1, "Registered", "", List.of(Requirement.of("model-registry")), List.of()),
      new Level(2, "Retrained", "", List.of(Requirement.of("training-pipeline").exercisedWithin(ExerciseWindow.parse("14d").orElseThrow())),
          List.of())), Set.of());
  static final Instant RUN = Instant.parse("2026-11-20T02:41:17Z");

  static Map<String, Evidence> observed(Evidence training) {
    Map<String, Evidence> m = new LinkedHashMap<>();
    m.put("model-registry", Evidence.satisfied("model-registry", "registered", List.of("mlflow default fraud-detector")));
    m.put("training-pipeline", training);
    return m;
  }

  static Evidence pipeline(Exercise exercise) {
    return Evidence.satisfied("training-pipeline", "training pipeline fraud-train", List.of("argoproj.io/WorkflowTemplate fraud/fraud-train"))
        .withExercise(exercise);
  }

  static LevelOutcome evaluate(Evidence training, TestClock clock) {
    Map<String, Evidence> windowed = ExercisedWindow.apply(MODEL, observed(training), clock.instant());
    return LevelEvaluator.evaluate(MODEL, windowed, 2, PreviousEvaluation.NONE);
  }

  static Evidence capability(LevelOutcome outcome, String id) {
    return outcome.capabilities().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().evidence();
  }

  @Test
  void aFreshRunReachesTheLevelAndAStaleOneDoesNot() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence training = pipeline(Exercise.at(RUN, "argoproj.io/Workflow fraud/fraud-train-7x2kq"));

    LevelOutcome fresh = evaluate(training, clock);
    assertThat(fresh.observedLevel()).isEqualTo(2);
    assertThat(capability(fresh, "training-pipeline").lastExercised()).isEqualTo(RUN);

    clock.advance(Duration.ofDays(14));
    LevelOutcome stale = evaluate(training, clock);
    assertThat(stale.observedLevel()).isEqualTo(1);
    assertThat(stale.nextLevel().orElseThrow().missing()).containsExactly("training-pipeline");
    Evidence e = capability(stale, "training-pipeline");
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).isEqualTo("configured, not exercised since 2026-11-20T02:41:17Z by argoproj.io/Workflow fraud/fraud-train-7x2kq "
        + "(exercisedWithin 14d): training pipeline fraud-train");
    assertThat(e.lastExercised()).isEqualTo(RUN);
  }

  @Test
  void exactlyAtTheWindowsEdgeItStillHolds() {
    TestClock clock = TestClock.at("2026-12-04T02:41:17Z");
    assertThat(evaluate(pipeline(Exercise.at(RUN, "")), clock).observedLevel()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(evaluate(pipeline(Exercise.at(RUN, "")), clock).observedLevel()).isEqualTo(1);
  }

  @Test
  void neverExercisedIsMissingAndUnreadableRunsAreUnknown() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");

    Evidence never = capability(evaluate(pipeline(Exercise.never()), clock), "training-pipeline");
    assertThat(never.state()).isEqualTo(CapabilityState.Missing);
    assertThat(never.message()).startsWith("configured, never exercised");
    // evidence from a probe that reads no runs is never exercised too
    assertThat(capability(evaluate(pipeline(null), clock), "training-pipeline").state()).isEqualTo(CapabilityState.Missing);

    LevelOutcome unreadable = evaluate(pipeline(Exercise.unknown("argoproj.io/Workflow: 403")), clock);
    assertThat(capability(unreadable, "training-pipeline").state()).isEqualTo(CapabilityState.Unknown);
    assertThat(unreadable.unknownCapabilities()).containsExactly("training-pipeline");
  }

  @Test
  void missingAndUnknownVerdictsAndCapabilitiesWithoutAWindowAreLeftAlone() {
    TestClock clock = TestClock.at("2030-01-01T00:00:00Z");
    Evidence unknown = Evidence.unknown("training-pipeline", "argoproj.io/WorkflowTemplate: 403");
    Evidence missing = Evidence.missing("training-pipeline", "no WorkflowTemplate");

    assertThat(ExercisedWindow.apply(MODEL, observed(unknown), clock.instant()).get("training-pipeline")).isSameAs(unknown);
    assertThat(ExercisedWindow.apply(MODEL, observed(missing), clock.instant()).get("training-pipeline")).isSameAs(missing);
    Map<String, Evidence> in = observed(pipeline(Exercise.at(RUN, "")));
    assertThat(ExercisedWindow.apply(MODEL, in, clock.instant()).get("model-registry")).isSameAs(in.get("model-registry"));
  }

  @Test
  void aWaiverStillHoldsAStaleCapability() {
    TestClock clock = TestClock.at("2026-12-30T00:00:00Z");
    MaturityTargetSpec spec = new MaturityTargetSpec();
    Waiver w = new Waiver();
    w.capability = "training-pipeline";
    w.reason = "retraining paused during the freeze";
    spec.waivers = List.of(w);

    Map<String, Evidence> windowed = ExercisedWindow.apply(MODEL, observed(pipeline(Exercise.at(RUN, ""))), clock.instant());
    Map<String, Evidence> effective = EvidencePolicy.apply(MODEL, windowed, spec, LocalDate.of(2026, 12, 30));

    assertThat(windowed.get("training-pipeline").state()).isEqualTo(CapabilityState.Missing);
    assertThat(effective.get("training-pipeline").state()).isEqualTo(CapabilityState.Waived);
    assertThat(LevelEvaluator.evaluate(MODEL, effective, 2, PreviousEvaluation.NONE).observedLevel()).isEqualTo(2);
  }
}
