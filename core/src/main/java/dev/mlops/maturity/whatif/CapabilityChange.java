package dev.mlops.maturity.whatif;

import dev.mlops.maturity.evidence.CapabilityState;

/**
 * One capability whose state the plan changes: the level that requires it, the state before and after (null when
 * the model of one side does not list it) and the after-evidence's message, which says why.
 */
public record CapabilityChange(String id, int level, CapabilityState before, CapabilityState after, String message) {
  /** A real loss: it held before and is Missing after (Unknown is not proof of absence). */
  public boolean lost() {
    return after == CapabilityState.Missing && before != CapabilityState.Missing;
  }

  /** {@code scheduled-retraining Satisfied → Missing}. */
  public String summary() {
    return id + " " + (before == null ? "-" : before.name()) + " → " + (after == null ? "-" : after.name());
  }
}
