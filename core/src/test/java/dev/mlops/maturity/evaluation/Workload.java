package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.api.v1alpha1.DeclaredEvidence;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.NotApplicable;
import dev.mlops.maturity.api.v1alpha1.Waiver;
import dev.mlops.maturity.api.v1alpha1.WorkloadRef;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.MaturityModelDefinition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload under test: what the probes observed (everything Missing unless said otherwise) and the
 * target spec (declared entries, waivers, notApplicable). Declared-only capabilities are never
 * observed: {@link #satisfied} turns them into declared entries, as a team would write them.
 */
final class Workload {
  static final BuiltInModels MODELS = BuiltInModels.load();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

  final MaturityModelDefinition model;
  final Map<String, Evidence> observed = new LinkedHashMap<>();
  final MaturityTargetSpec spec = new MaturityTargetSpec();

  private Workload(MaturityModelDefinition model) {
    this.model = model;
    spec.targetLevel = model.topLevel();
    spec.workload = new WorkloadRef();
    spec.workload.selector = new LabelSelectorBuilder().addToMatchLabels("app", "fraud-detector").build();
    for (String id : model.capabilities()) {
      if (!declaredOnly(id)) {
        observed.put(id, Evidence.missing(id, id + " not found"));
      }
    }
  }

  static Workload on(String modelId) {
    return new Workload(MODELS.find(modelId).orElseThrow());
  }

  static MaturityModelDefinition model(String id) {
    return MODELS.find(id).orElseThrow();
  }

  static boolean declaredOnly(String id) {
    return CapabilityCatalogue.get(id).declaredOnly();
  }

  Workload satisfied(String... ids) {
    for (String id : ids) {
      if (declaredOnly(id)) {
        declare(id, "runbook for " + id);
      } else {
        observed.put(id, Evidence.satisfied(id, id + " seen", List.of("Workflow fraud/" + id)));
      }
    }
    return this;
  }

  Workload satisfied(List<String> ids) {
    return satisfied(ids.toArray(String[]::new));
  }

  /** Unknown because the integration these capabilities need is not configured (a stable absence). */
  Workload notConfigured(String... ids) {
    for (String id : ids) {
      observed.put(id, Evidence.unknown(id, dev.mlops.maturity.evidence.UnknownReason.NotConfigured, "no mlflow endpoint named 'default' is configured"));
    }
    return this;
  }

  Workload observe(CapabilityState state, String... ids) {
    for (String id : ids) {
      observed.put(id, new Evidence(id, state, Source.OBSERVED, List.of(), id + " is " + state));
    }
    return this;
  }

  Workload declare(String id, String reference) {
    DeclaredEvidence d = new DeclaredEvidence();
    d.capability = id;
    d.reference = reference;
    d.note = "declared by the team";
    spec.declared.add(d);
    return this;
  }

  Workload waive(String id, String expires) {
    Waiver w = new Waiver();
    w.capability = id;
    w.reason = "accepted gap";
    w.expires = expires;
    spec.waivers.add(w);
    return this;
  }

  Workload notApplicable(String id) {
    NotApplicable n = new NotApplicable();
    n.capability = id;
    n.reason = "CPU-only model";
    spec.notApplicable.add(n);
    return this;
  }

  Workload notApplicable(String id, String expires) {
    notApplicable(id);
    spec.notApplicable.get(spec.notApplicable.size() - 1).expires = expires;
    return this;
  }

  /** Under the platform team's policy, with the MaturityExceptions that name fraud/fraud-detector, on {@code today}. */
  GovernedEvidence governed(GovernancePolicy policy, List<ApprovedException> exceptions, LocalDate today) {
    return EvidencePolicy.govern(model, observed, spec, policy, TargetExceptions.of("fraud", "fraud-detector", exceptions), today);
  }

  LevelOutcome evaluate(GovernancePolicy policy, List<ApprovedException> exceptions, LocalDate today) {
    return LevelEvaluator.evaluate(model, governed(policy, exceptions, today), spec.targetLevel, PreviousEvaluation.NONE);
  }

  Map<String, Evidence> effective() {
    return EvidencePolicy.apply(model, observed, spec, TODAY);
  }

  LevelOutcome evaluate() {
    return evaluate(PreviousEvaluation.NONE);
  }

  LevelOutcome evaluate(PreviousEvaluation previous) {
    return LevelEvaluator.evaluate(model, effective(), spec.targetLevel, previous);
  }

  Evidence effective(String id) {
    return effective().get(id);
  }
}
