package dev.mlops.maturity.whatif;

import java.util.List;

/**
 * The targets a plan affects (its level or a capability changes, or the plan writes to its namespace), how many
 * other targets were evaluated and did not change, and notes on plan objects no probe can see.
 */
public record WhatIfResult(List<TargetChange> targets, int unchanged, List<String> notes) {
  public WhatIfResult {
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }

  public List<TargetChange> drops() {
    return targets.stream().filter(TargetChange::drops).toList();
  }

  public List<TargetChange> below(int level) {
    return targets.stream().filter(t -> t.below(level)).toList();
  }
}
