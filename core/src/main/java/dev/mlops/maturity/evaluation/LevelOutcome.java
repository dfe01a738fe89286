package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.model.MaturityModelDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one evaluation. {@code observedLevel} is what is published; {@code strictLevel} is
 * the level the evidence proves right now (lower than observed only while probes are failing).
 * {@code unknownCapabilities} are the Unknown capabilities that hide a level (Degraded when non-empty).
 * {@code provenLevel} is what observed evidence alone proves (no waiver, notApplicable or declared entry);
 * {@code governance} is what the policy made of the target's self-declared entries.
 */
public record LevelOutcome(
    MaturityModelDefinition model,
    int observedLevel,
    int strictLevel,
    int targetLevel,
    List<CapabilityResult> capabilities,
    Optional<NextLevelGap> nextLevel,
    List<String> recommendations,
    LevelTransition transition,
    Integer previousLevel,
    List<String> unknownCapabilities,
    List<String> regressionCauses,
    boolean regressed,
    int provenLevel,
    Governance governance) {

  public String observedLevelName() {
    return model.level(observedLevel).name();
  }

  public boolean targetMet() {
    return observedLevel >= targetLevel;
  }

  public boolean degraded() {
    return !unknownCapabilities.isEmpty();
  }
}
