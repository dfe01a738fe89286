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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a target's notApplicable entries, declared evidence and waivers on top of what the probes
 * observed, in that order of precedence after an observed Satisfied: an observation that holds is
 * never replaced, declared evidence counts only where the model accepts it, and every entry counts only
 * within the platform team's {@link GovernancePolicy} (and, when it requires approval, with a
 * MaturityException). A refused entry leaves the observed state and says which rule refused it.
 */
public final class EvidencePolicy {
  private final MaturityModelDefinition model;
  private final MaturityTargetSpec spec;
  private final GovernancePolicy policy;
  private final EntryJudge judge;
  private final List<PolicyViolation> violations = new ArrayList<>();
  private final List<ExceptionDecision> decisions = new ArrayList<>();

  private EvidencePolicy(MaturityModelDefinition model, MaturityTargetSpec spec, GovernancePolicy policy, TargetExceptions exceptions,
      LocalDate today) {
    this.model = model;
    this.spec = spec;
    this.policy = policy;
    this.judge = new EntryJudge(policy, exceptions, today);
  }

  /** The spec on its own terms, without a policy or exceptions (the level rule's tests). */
  public static Map<String, Evidence> apply(
      MaturityModelDefinition model, Map<String, Evidence> observed, MaturityTargetSpec spec, LocalDate today) {
    return govern(model, observed, spec, GovernancePolicy.PERMISSIVE, TargetExceptions.none("", ""), today).effective();
  }

  public static GovernedEvidence govern(MaturityModelDefinition model, Map<String, Evidence> observed, MaturityTargetSpec spec,
      GovernancePolicy policy, TargetExceptions exceptions, LocalDate today) {
    EvidencePolicy p = new EvidencePolicy(model, spec, policy, exceptions, today);
    Map<String, Evidence> effective = new LinkedHashMap<>();
    for (String id : model.capabilities()) {
      effective.put(id, p.decide(id, observed.getOrDefault(id, noProbe(id))));
    }
    return new GovernedEvidence(effective, new Governance(p.violations, p.decisions));
  }

  private Evidence decide(String id, Evidence seen) {
    String note = "";
    int na = indexOf(spec.notApplicable, n -> id.equals(n.capability));
    if (na >= 0) {
      NotApplicable n = spec.notApplicable.get(na);
      EntryJudge.Verdict v = record(judge.judge(EntryKind.NOT_APPLICABLE, "spec.notApplicable[" + na + "]", id, n.reason, n.expires));
      if (v.holds()) {
        return new Evidence(id, CapabilityState.NotApplicable, Source.DECLARED, v.references(),
            "not applicable: " + n.reason + suffix(v.message()));
      }
      note = v.message();
    }
    if (seen.state() == CapabilityState.Satisfied) {
      return withNote(seen, note);
    }
    int di = indexOf(spec.declared, d -> id.equals(d.capability));
    if (di >= 0) {
      DeclaredEvidence d = spec.declared.get(di);
      boolean noReference = d.reference == null || d.reference.isBlank();
      if (!model.acceptsDeclared(id)) {
        note = join(note, "declared evidence is not accepted for " + id + " by model " + model.id());
      } else if (noReference && policy.declared().requireReference()) {
        PolicyViolation v = new PolicyViolation("spec.declared[" + di + "]", id,
            "declared evidence for " + id + " needs a reference (policy declared.requireReference)");
        violations.add(v);
        note = join(note, v.toString());
      } else {
        String message = "declared" + (d.note == null || d.note.isBlank() ? "" : ": " + d.note);
        return new Evidence(id, CapabilityState.Satisfied, Source.DECLARED, noReference ? List.of() : List.of(d.reference), message);
      }
    }
    int wi = indexOf(spec.waivers, w -> id.equals(w.capability));
    if (wi >= 0) {
      Waiver w = spec.waivers.get(wi);
      EntryJudge.Verdict v = record(judge.judge(EntryKind.WAIVER, "spec.waivers[" + wi + "]", id, w.reason, w.expires));
      if (v.holds()) {
        List<String> references = v.references().isEmpty() ? seen.references() : v.references();
        return new Evidence(id, CapabilityState.Waived, Source.DECLARED, references, "waived: " + w.reason + suffix(v.message()));
      }
      note = join(note, v.message());
    }
    return withNote(seen, note);
  }

  private EntryJudge.Verdict record(EntryJudge.Verdict v) {
    decisions.add(v.decision());
    v.violation().ifPresent(violations::add);
    return v;
  }

  private static String suffix(String message) {
    return message.isEmpty() ? "" : message.startsWith("(") ? " " + message : " (" + message + ")";
  }

  private static Evidence withNote(Evidence seen, String note) {
    // withMessage keeps the Unknown reason (NotConfigured vs a failure) of the observed evidence
    return note.isEmpty() ? seen : seen.withMessage(join(seen.message(), note));
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

  private static <T> int indexOf(List<T> list, java.util.function.Predicate<T> p) {
    if (list == null) {
      return -1;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) != null && p.test(list.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
