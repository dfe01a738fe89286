package dev.mlops.maturity.whatif;

import dev.mlops.maturity.evidence.CapabilityState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What an admission webhook answers for one change: a warning per target whose level would drop
 * ({@code fraud/fraud-detector would drop 2 → 1: scheduled-retraining Missing}), and a denial only for targets that
 * opted in ({@code spec.enforce: true}) and only when the drop is real: a capability turns Missing (never Unknown).
 */
public record ChangeVerdict(List<String> warnings, Optional<String> denial) {
  public ChangeVerdict {
    warnings = List.copyOf(warnings);
  }

  public static final ChangeVerdict ALLOW = new ChangeVerdict(List.of(), Optional.empty());

  /** {@code enforced} says whether a target ("namespace/name") opted in to denial. */
  public static ChangeVerdict of(WhatIfResult result, Predicate<String> enforced) {
    List<String> warnings = new ArrayList<>();
    List<String> denied = new ArrayList<>();
    for (TargetChange t : result.drops()) {
      String name = t.namespace() + "/" + t.name();
      List<CapabilityChange> lost = t.capabilities().stream().filter(CapabilityChange::lost).toList();
      String why = t.capabilities().stream().filter(c -> c.after() == CapabilityState.Missing || c.after() == CapabilityState.Unknown)
          .map(c -> c.id() + " " + c.after().name()).collect(Collectors.joining(", "));
      String warning = name + " would drop " + t.levels() + (why.isEmpty() ? "" : ": " + why);
      warnings.add(warning);
      if (!lost.isEmpty() && enforced.test(name)) {
        denied.add(warning);
      }
    }
    return new ChangeVerdict(warnings, denied.isEmpty() ? Optional.empty()
        : Optional.of(String.join("; ", denied) + " (the target sets spec.enforce: true)"));
  }
}
