package dev.mlops.maturity.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeVerdictTest {
  static final MaturityModelDefinition MODEL = BuiltInModels.load().find("mlops-5-level").orElseThrow();

  static Optional<TargetAssessment> at(int level) {
    LevelOutcome outcome = new LevelOutcome(MODEL, level, level, 3, List.of(), Optional.empty(), List.of(), null, null, List.of(), List.of(),
        false, level, null);
    return Optional.of(new TargetAssessment("fraud", "fraud-detector", "mlops-5-level", 3, List.of(), Optional.of(outcome)));
  }

  static WhatIfResult drop(CapabilityState after) {
    return new WhatIfResult(List.of(new TargetChange("fraud", "fraud-detector", at(2), at(1),
        List.of(new CapabilityChange("scheduled-retraining", 2, CapabilityState.Satisfied, after, "")))), 0, List.of());
  }

  @Test
  void aMissingCapabilityDeniesOnlyAnOptedInTarget() {
    ChangeVerdict warned = ChangeVerdict.of(drop(CapabilityState.Missing), t -> false);
    assertThat(warned.warnings()).containsExactly("fraud/fraud-detector would drop 2 → 1: scheduled-retraining Missing");
    assertThat(warned.denial()).isEmpty();

    ChangeVerdict denied = ChangeVerdict.of(drop(CapabilityState.Missing), "fraud/fraud-detector"::equals);
    assertThat(denied.denial()).hasValueSatisfying(m -> assertThat(m).contains("would drop 2 → 1", "spec.enforce: true"));
  }

  @Test
  void aDropWithOnlyUnknownCapabilitiesWarnsButNeverDenies() {
    ChangeVerdict verdict = ChangeVerdict.of(drop(CapabilityState.Unknown), "fraud/fraud-detector"::equals);
    assertThat(verdict.warnings()).containsExactly("fraud/fraud-detector would drop 2 → 1: scheduled-retraining Unknown");
    assertThat(verdict.denial()).isEmpty();
  }

  @Test
  void noDropNoWarning() {
    WhatIfResult rise = new WhatIfResult(List.of(new TargetChange("fraud", "fraud-detector", at(1), at(2), List.of())), 0, List.of());
    assertThat(ChangeVerdict.of(rise, t -> true)).isEqualTo(ChangeVerdict.ALLOW);
  }
}
