package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.Waiver;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what the CRD schema cannot (or what a server without schema validation let through):
 * model existence, target range, capability ids, duplicates, expiry, interval. Each problem names its field.
 */
public final class TargetSpecValidator {
  public static final int MAX_ENTRIES = 64;
  /** A field of the wrong type (possible only where the API server does not enforce the CRD schema). */
  public static final String INVALID_TYPE = "InvalidFieldType";

  private TargetSpecValidator() {}

  /** {@code model} is empty when the named model is unknown or invalid; {@code modelProblem} says which. */
  public static List<SpecProblem> validate(
      MaturityTargetSpec spec, Optional<MaturityModelDefinition> model, Optional<SpecProblem> modelProblem, LocalDate today) {
    List<SpecProblem> problems = new ArrayList<>();
    if (spec == null) {
      problems.add(new SpecProblem("spec", "MissingWorkload", "spec is missing"));
      return problems;
    }
    modelProblem.ifPresent(problems::add);
    spec.unreadable.forEach((field, what) -> problems.add(new SpecProblem(field, INVALID_TYPE, field + " " + what)));
    if (!spec.unreadable.isEmpty()) {
      return problems;
    }
    if (spec.workload != null && spec.workload.selector != null) {
      SelectorProblems.check(spec.workload.selector, "spec.workload.selector").ifPresent(problems::add);
    }
    if (spec.workload == null) {
      problems.add(new SpecProblem("spec.workload", "MissingWorkload", "spec.workload is required (a selector for the workload's objects)"));
    } else if (spec.workload.selector == null) {
      problems.add(new SpecProblem("spec.workload.selector", "MissingSelector", "spec.workload.selector is required"));
    }
    if (spec.targetLevel == null) {
      problems.add(new SpecProblem("spec.targetLevel", "TargetLevelOutOfRange", "spec.targetLevel is required"));
    } else if (spec.targetLevel < 0) {
      problems.add(new SpecProblem("spec.targetLevel", "TargetLevelOutOfRange", "spec.targetLevel must be 0 or more"));
    } else if (model.isPresent() && spec.targetLevel > model.get().topLevel()) {
      problems.add(new SpecProblem("spec.targetLevel", "TargetLevelOutOfRange", "spec.targetLevel " + spec.targetLevel
          + " is above the highest level of model " + model.get().id() + " (" + model.get().topLevel() + ")"));
    }
    checkIds("spec.declared", spec.declared, d -> d.capability, problems, "DuplicateDeclared");
    checkIds("spec.waivers", spec.waivers, w -> w.capability, problems, "DuplicateWaiver");
    checkIds("spec.notApplicable", spec.notApplicable, n -> n.capability, problems, "DuplicateNotApplicable");
    List<Waiver> waivers = spec.waivers == null ? List.of() : spec.waivers;
    for (int i = 0; i < waivers.size(); i++) {
      Waiver w = waivers.get(i);
      if (w == null) {
        continue;
      }
      String field = "spec.waivers[" + i + "]";
      if (w.reason == null || w.reason.isBlank()) {
        problems.add(new SpecProblem(field + ".reason", "WaiverWithoutReason", "waiver for " + w.capability + " needs a reason"));
      }
      if (w.expires != null) {
        Optional<LocalDate> expiry = WaiverExpiry.parse(w.expires);
        if (expiry.isEmpty()) {
          problems.add(new SpecProblem(field + ".expires", "InvalidWaiverExpiry", "expires '" + w.expires + "' is not a date (YYYY-MM-DD)"));
        } else if (today.isAfter(expiry.get())) {
          problems.add(new SpecProblem(field + ".expires", "WaiverExpired", "waiver for " + w.capability + " expired on "
              + w.expires + " and no longer counts: renew it or close the gap"));
        }
      }
    }
    if (spec.evaluationInterval != null) {
      Optional<java.time.Duration> d = EvaluationInterval.parse(spec.evaluationInterval);
      if (d.isEmpty()) {
        problems.add(new SpecProblem("spec.evaluationInterval", "InvalidInterval", "'" + spec.evaluationInterval
            + "' is not a duration such as 30s, 5m or 1h"));
      } else if (d.get().compareTo(EvaluationInterval.MINIMUM) < 0) {
        problems.add(new SpecProblem("spec.evaluationInterval", "InvalidInterval", "'" + spec.evaluationInterval
            + "' is below the minimum of 30s"));
      }
    }
    return problems;
  }

  private static <T> void checkIds(String field, List<T> entries, java.util.function.Function<T, String> id,
      List<SpecProblem> problems, String duplicateReason) {
    if (entries == null) {
      return;
    }
    if (entries.size() > MAX_ENTRIES) {
      problems.add(new SpecProblem(field, "TooManyEntries", field + " has " + entries.size() + " entries; at most " + MAX_ENTRIES));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      T entry = entries.get(i);
      String c = entry == null ? null : id.apply(entry);
      String at = field + "[" + i + "].capability";
      if (c == null || !CapabilityCatalogue.contains(c)) {
        problems.add(new SpecProblem(at, "UnknownCapability", "'" + c + "' is not a known capability id"));
      } else if (!seen.add(c)) {
        problems.add(new SpecProblem(at, duplicateReason, c + " appears more than once in " + field));
      }
    }
  }
}
