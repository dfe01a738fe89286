package dev.mlops.maturity.model;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One requirement of a level: a single capability, or anyOf several (one is enough). With
 * {@code exercisedWithin}, a capability holds only if it also ran successfully within that window.
 */
public record Requirement(List<String> anyOf, Duration exercisedWithin) {
  public Requirement {
    if (anyOf == null || anyOf.isEmpty()) {
      throw new IllegalArgumentException("a requirement names at least one capability");
    }
    anyOf = List.copyOf(anyOf);
    if (exercisedWithin != null && (exercisedWithin.isNegative() || exercisedWithin.isZero())) {
      throw new IllegalArgumentException("exercisedWithin must be positive");
    }
  }

  public Requirement(List<String> anyOf) {
    this(anyOf, null);
  }

  public static Requirement of(String capability) {
    return new Requirement(List.of(capability));
  }

  public static Requirement anyOf(String... capabilities) {
    return new Requirement(List.of(capabilities));
  }

  /** This requirement, holding only when exercised within {@code window}. */
  public Requirement exercisedWithin(Duration window) {
    return new Requirement(anyOf, window);
  }

  public boolean isSingle() {
    return anyOf.size() == 1;
  }

  public boolean heldBy(Predicate<String> holds) {
    return anyOf.stream().anyMatch(holds);
  }

  /** {@code model-registry} or {@code anyOf(a|b|c)}, as shown in nextLevel.missing. */
  public String describe() {
    return isSingle() ? anyOf.get(0) : "anyOf(" + String.join("|", anyOf) + ")";
  }
}
