package dev.mlops.maturity.whatif;

import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.evaluation.LevelOutcome;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One target before and after a plan. A side is empty when the target does not exist there (the plan creates
 * or deletes it); a side whose assessment has spec problems publishes no level (as the operator's Ready=False).
 */
public record TargetChange(String namespace, String name, Optional<TargetAssessment> before, Optional<TargetAssessment> after,
    List<CapabilityChange> capabilities) {
  public TargetChange {
    capabilities = List.copyOf(capabilities);
  }

  public OptionalInt beforeLevel() {
    return level(before);
  }

  public OptionalInt afterLevel() {
    return level(after);
  }

  public String model() {
    return after.or(() -> before).map(TargetAssessment::model).orElse("");
  }

  /** The plan lowers the level, or makes a target that had a level publish none; deleting the target is not a drop. */
  public boolean drops() {
    if (beforeLevel().isEmpty() || after.isEmpty()) {
      return false;
    }
    return afterLevel().isEmpty() || afterLevel().getAsInt() < beforeLevel().getAsInt();
  }

  /** After the plan the target exists and is below {@code level} (or publishes no level). */
  public boolean below(int level) {
    return after.isPresent() && (afterLevel().isEmpty() || afterLevel().getAsInt() < level);
  }

  /** {@code 2 → 1}, {@code - → 0} for a created target, {@code 2 → -} for a deleted or invalid one. */
  public String levels() {
    return show(beforeLevel()) + " → " + show(afterLevel());
  }

  /** drops, rises, unchanged, created, deleted. */
  public String change() {
    if (before.isEmpty()) {
      return "created";
    }
    if (after.isEmpty()) {
      return "deleted";
    }
    if (drops()) {
      return "drops";
    }
    if (afterLevel().isPresent() && (beforeLevel().isEmpty() || afterLevel().getAsInt() > beforeLevel().getAsInt())) {
      return "rises";
    }
    return "unchanged";
  }

  /** The level names, {@code Automated → Managed}. */
  public String levelNames() {
    return name(before) + " → " + name(after);
  }

  private static OptionalInt level(Optional<TargetAssessment> side) {
    return side.filter(t -> t.problems().isEmpty()).flatMap(TargetAssessment::assessment)
        .map(a -> OptionalInt.of(a.observedLevel())).orElse(OptionalInt.empty());
  }

  private static String name(Optional<TargetAssessment> side) {
    return side.filter(t -> t.problems().isEmpty()).flatMap(TargetAssessment::assessment).map(LevelOutcome::observedLevelName)
        .orElse(side.isEmpty() ? "absent" : "invalid");
  }

  private static String show(OptionalInt level) {
    return level.isPresent() ? String.valueOf(level.getAsInt()) : "-";
  }
}
