package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.api.v1alpha1.DeclaredEvidence;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.NotApplicable;
import dev.mlops.maturity.api.v1alpha1.Waiver;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a target's notApplicable entries, declared evidence and waivers on top of what the probes
 * observed, in that order of precedence after an observed Satisfied: an observation that holds is
 * never replaced, declared evidence counts only where the model accepts it, and an expired waiver
 * stops counting the day after its expiry date.
 */
public final class EvidencePolicy {
  private EvidencePolicy() {}

  public static Map<String, Evidence> apply(
      MaturityModelDefinition model, Map<String, Evidence> observed, MaturityTargetSpec spec, LocalDate today) {
    Map<String, Evidence> effective = new LinkedHashMap<>();
    for (String id : model.capabilities()) {
      Evidence seen = observed.getOrDefault(id, noProbe(id));
      effective.put(id, decide(model, id, seen, spec, today));
    }
    return effective;
  }

  private static Evidence decide(MaturityModelDefinition model, String id, Evidence seen, MaturityTargetSpec spec, LocalDate today) {
    Optional<NotApplicable> na = first(spec.notApplicable, n -> id.equals(n.capability));
    if (na.isPresent()) {
      return new Evidence(id, CapabilityState.NotApplicable, Source.DECLARED, List.of(), "not applicable: " + na.get().reason);
    }
    if (seen.state() == CapabilityState.Satisfied) {
      return seen;
    }
    Optional<DeclaredEvidence> declared = first(spec.declared, d -> id.equals(d.capability));
    String note = "";
    if (declared.isPresent()) {
      DeclaredEvidence d = declared.get();
      if (model.acceptsDeclared(id)) {
        String message = "declared" + (d.note == null || d.note.isBlank() ? "" : ": " + d.note);
        List<String> references = d.reference == null || d.reference.isBlank() ? List.of() : List.of(d.reference);
        return new Evidence(id, CapabilityState.Satisfied, Source.DECLARED, references, message);
      }
      note = "declared evidence is not accepted for " + id + " by model " + model.id();
    }
    Optional<Waiver> waiver = first(spec.waivers, w -> id.equals(w.capability));
    if (waiver.isPresent()) {
      Waiver w = waiver.get();
      if (w.expires == null) {
        return waived(id, seen, w, "");
      }
      // an unreadable expiry must not turn into a waiver without end
      Optional<LocalDate> expires = WaiverExpiry.parse(w.expires);
      if (expires.isEmpty()) {
        note = join(note, "waiver expiry '" + w.expires + "' is not a date (YYYY-MM-DD), so the waiver does not count");
      } else if (!today.isAfter(expires.get())) {
        return waived(id, seen, w, " (until " + w.expires + ")");
      } else {
        note = join(note, "waiver expired on " + w.expires);
      }
    }
    return note.isEmpty() ? seen : seen.withCapability(id).withMessage(join(seen.message(), note));
  }

  private static Evidence waived(String id, Evidence seen, Waiver w, String until) {
    return new Evidence(id, CapabilityState.Waived, Source.DECLARED, seen.references(), "waived: " + w.reason + until);
  }

  private static String join(String first, String second) {
    return first.isEmpty() ? second : second.isEmpty() ? first : first + "; " + second;
  }

  private static Evidence noProbe(String id) {
    boolean declaredOnly = CapabilityCatalogue.find(id).map(c -> c.declaredOnly()).orElse(false);
    return declaredOnly
        ? Evidence.missing(id, "no in-cluster signal exists: add a declared entry for " + id)
        : Evidence.unknown(id, "no probe ran for " + id);
  }

  private static <T> Optional<T> first(List<T> list, java.util.function.Predicate<T> p) {
    return list == null ? Optional.empty() : list.stream().filter(x -> x != null && p.test(x)).findFirst();
  }
}
