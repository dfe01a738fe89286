package dev.mlops.maturity.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.LevelChange;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.LevelEvaluator;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusFactoryTest {
  static final MaturityModelDefinition MODEL = new MaturityModelDefinition("test-model", "", List.of(
      new Level(0, "Manual", "", List.of(), List.of()),
      new Level(1, "Served", "", List.of(Requirement.of("health-monitoring")), List.of()),
      new Level(2, "Retrained", "", List.of(Requirement.of("scheduled-retraining")), List.of(Requirement.of("alerting")))),
      Set.of());

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T11:00:00Z");

  static LevelOutcome assess(CapabilityState schedule, MaturityTargetStatus previous) {
    Map<String, Evidence> evidence = Map.of(
        "health-monitoring", Evidence.satisfied("health-monitoring", "ok", List.of("apps/Deployment a/web")),
        "scheduled-retraining", new Evidence("scheduled-retraining", schedule, null, List.of(), schedule.name()),
        "alerting", Evidence.missing("alerting", "no rules"));
    PreviousEvaluation before = previous == null ? PreviousEvaluation.NONE
        : new PreviousEvaluation(previous.observedLevel, Conditions.isTrue(previous.conditions, Conditions.REGRESSED));
    return LevelEvaluator.evaluate(MODEL, evidence, 2, before);
  }

  static MaturityTarget target(MaturityTargetStatus status, long generation) {
    MaturityTarget t = new MaturityTarget();
    t.getMetadata().setName("fraud");
    t.getMetadata().setNamespace("team-a");
    t.getMetadata().setGeneration(generation);
    t.setStatus(status);
    return t;
  }

  private static StatusFactory at(Instant instant) {
    return new StatusFactory(Clock.fixed(instant, ZoneOffset.UTC));
  }

  private static Condition condition(MaturityTargetStatus s, String type) {
    return Conditions.find(s.conditions, type).orElseThrow();
  }

  @Test
  void aFirstEvaluationFillsEveryPrinterColumnFieldAndAllFiveConditions() {
    MaturityTargetStatus s = at(T0).evaluated(target(null, 3), assess(CapabilityState.Satisfied, null), List.of());

    assertThat(s.observedGeneration).isEqualTo(3);
    assertThat(s.model).isEqualTo("test-model");
    assertThat(s.observedLevel).isEqualTo(2);
    assertThat(s.observedLevelName).isEqualTo("Retrained");
    assertThat(s.targetLevel).isEqualTo(2);
    assertThat(s.targetMet).isTrue();
    assertThat(s.provenLevel).isEqualTo(2);
    assertThat(s.conditions).extracting(Condition::getType).containsExactly("Ready", "TargetMet", "Regressed", "Degraded", "PolicyCompliant");
    assertThat(condition(s, Conditions.POLICY_COMPLIANT).getStatus()).isEqualTo("True");
    assertThat(s.conditions).allSatisfy(c -> {
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
      assertThat(c.getObservedGeneration()).isEqualTo(3);
    });
    assertThat(s.capabilities).extracting(c -> c.id + ":" + c.level + ":" + c.recommended)
        .containsExactly("health-monitoring:1:null", "scheduled-retraining:2:null", "alerting:2:true");
    assertThat(s.history).isEmpty();
  }

  @Test
  void lastTransitionTimeIsKeptWhenAConditionDoesNotFlip() {
    MaturityTargetStatus first = at(T0).evaluated(target(null, 1), assess(CapabilityState.Satisfied, null), List.of());
    MaturityTarget t = target(first, 1);

    MaturityTargetStatus second = at(T1).evaluated(t, assess(CapabilityState.Missing, first), List.of());

    assertThat(condition(second, Conditions.READY).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(condition(second, Conditions.DEGRADED).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(condition(second, Conditions.REGRESSED).getStatus()).isEqualTo("True");
    assertThat(condition(second, Conditions.REGRESSED).getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(condition(second, Conditions.TARGET_MET).getStatus()).isEqualTo("False");
    assertThat(condition(second, Conditions.TARGET_MET).getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(second.history).singleElement().satisfies(h -> {
      assertThat(h.from).isEqualTo(2);
      assertThat(h.to).isEqualTo(1);
      assertThat(h.reason).startsWith("LevelRegressed").contains("scheduled-retraining");
      assertThat(h.time).isEqualTo("2026-01-01T11:00:00Z");
    });
  }

  @Test
  void aStillRegressedTargetKeepsTheRegressionMessageAndTime() {
    MaturityTargetStatus first = at(T0).evaluated(target(null, 1), assess(CapabilityState.Satisfied, null), List.of());
    MaturityTargetStatus dropped = at(T1).evaluated(target(first, 1), assess(CapabilityState.Missing, first), List.of());

    MaturityTargetStatus again = at(T1.plusSeconds(600)).evaluated(target(dropped, 1), assess(CapabilityState.Missing, dropped), List.of());

    assertThat(condition(again, Conditions.REGRESSED)).isEqualTo(condition(dropped, Conditions.REGRESSED));
    assertThat(StatusDiff.significant(dropped, again)).isFalse();
  }

  @Test
  void unknownEvidenceHoldsTheLevelAndMarksDegraded() {
    MaturityTargetStatus first = at(T0).evaluated(target(null, 1), assess(CapabilityState.Satisfied, null), List.of());

    MaturityTargetStatus held = at(T1).evaluated(target(first, 1), assess(CapabilityState.Unknown, first), List.of());

    assertThat(held.observedLevel).isEqualTo(2);
    assertThat(condition(held, Conditions.REGRESSED).getStatus()).isEqualTo("False");
    assertThat(condition(held, Conditions.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(held, Conditions.DEGRADED).getReason()).isEqualTo("ProbesFailing");
    assertThat(condition(held, Conditions.DEGRADED).getMessage()).contains("scheduled-retraining").contains("held");
    assertThat(held.history).isEmpty();
  }

  @Test
  void anUnknownThatCannotChangeTheLevelIsNamedWithoutDegrading() {
    Map<String, Evidence> evidence = Map.of(
        "health-monitoring", Evidence.satisfied("health-monitoring", "ok", List.of("apps/Deployment a/web")),
        "scheduled-retraining", Evidence.satisfied("scheduled-retraining", "ok", List.of()),
        "alerting", Evidence.unknown("alerting", "prometheus down"));
    LevelOutcome a = LevelEvaluator.evaluate(MODEL, evidence, 2, PreviousEvaluation.NONE);

    MaturityTargetStatus s = at(T0).evaluated(target(null, 1), a, List.of());

    Condition degraded = condition(s, Conditions.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("False");
    assertThat(degraded.getMessage()).isNotEqualTo("every capability could be evaluated").contains("could not evaluate alerting");
    assertThat(condition(at(T0).evaluated(target(null, 1), assess(CapabilityState.Satisfied, null), List.of()), Conditions.DEGRADED)
        .getMessage()).isEqualTo("every capability could be evaluated");
  }

  @Test
  void theHistoryKeepsTheLastTenChanges() {
    MaturityTargetStatus s = at(T0).evaluated(target(null, 1), assess(CapabilityState.Satisfied, null), List.of());
    for (int i = 0; i < 12; i++) {
      CapabilityState state = i % 2 == 0 ? CapabilityState.Missing : CapabilityState.Satisfied;
      s = at(T0.plusSeconds(60L * (i + 1))).evaluated(target(s, 1), assess(state, s), List.of());
    }
    assertThat(s.history).hasSize(StatusFactory.HISTORY_LIMIT);
    assertThat(s.history.get(s.history.size() - 1).time).isEqualTo(T0.plusSeconds(60L * 12).toString());
    List<Integer> tos = new ArrayList<>();
    s.history.forEach((LevelChange h) -> tos.add(h.to));
    assertThat(tos).containsExactly(1, 2, 1, 2, 1, 2, 1, 2, 1, 2);
  }

  @Test
  void specProblemsMakeReadyFalseWithTheReasonAndWhatToFix() {
    SpecProblem problem = new SpecProblem("spec.waivers[0].expires", "WaiverExpired", "waiver for gpu-utilisation expired on 2025-01-01");

    MaturityTargetStatus s = at(T0).evaluated(target(null, 1), assess(CapabilityState.Satisfied, null), List.of(problem));

    assertThat(condition(s, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(s, Conditions.READY).getReason()).isEqualTo("WaiverExpired");
    assertThat(condition(s, Conditions.READY).getMessage()).contains("spec.waivers[0].expires").contains("expired");
  }

  @Test
  void anUnevaluableSpecKeepsTheLastResultsAndOnlyFlipsReady() {
    MaturityTargetStatus first = at(T0).evaluated(target(null, 1), assess(CapabilityState.Satisfied, null), List.of());
    SpecProblem unknown = new SpecProblem("spec.model", "UnknownModel", "model 'nope' is neither built in nor a MaturityModel");

    MaturityTargetStatus s = at(T1).invalid(target(first, 2), List.of(unknown));

    assertThat(s.observedLevel).isEqualTo(2);
    assertThat(s.observedGeneration).isEqualTo(2);
    assertThat(condition(s, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(s, Conditions.READY).getReason()).isEqualTo("UnknownModel");
    assertThat(condition(s, Conditions.READY).getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(condition(s, Conditions.TARGET_MET).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
  }
}
