package dev.mlops.maturity.admission;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.whatif.ChangeVerdict;
import dev.mlops.maturity.whatif.Plan;
import dev.mlops.maturity.whatif.PlannedObject;
import dev.mlops.maturity.whatif.WhatIf;
import dev.mlops.maturity.whatif.WhatIfResult;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The what-if engine with one object overlaid, as the admission webhook needs it: the targets of the object's
 * namespace (every target for a cluster-scoped object) are evaluated before and after on the operator's own view
 * of the cluster, and those that opted in ({@code spec.enforce: true}) may be denied.
 */
public final class AdmissionEvaluator implements Function<PlannedObject, ChangeVerdict> {
  private final ClusterView cluster;
  private final ExternalSources external;
  private final WhatIf whatIf;
  private final Function<String, List<MaturityTarget>> targets;

  /** {@code targets} lists the targets of a namespace (null: all namespaces). */
  public AdmissionEvaluator(ClusterView cluster, ExternalSources external, TargetAssessor assessor, BuiltInModels models,
      Function<String, List<MaturityTarget>> targets) {
    this.cluster = cluster;
    this.external = external;
    this.whatIf = new WhatIf(assessor, view -> new ClusterModels(models, view));
    this.targets = targets;
  }

  @Override
  public ChangeVerdict apply(PlannedObject change) {
    List<MaturityTarget> affected = targets.apply(change.namespace());
    Set<String> enforced = affected.stream().filter(t -> t.getSpec() != null && Boolean.TRUE.equals(t.getSpec().enforce))
        .map(t -> t.getMetadata().getNamespace() + "/" + t.getMetadata().getName()).collect(Collectors.toSet());
    WhatIfResult result = whatIf.evaluate(cluster, external, affected, Plan.of(change),
        ns -> change.namespace() == null || change.namespace().equals(ns));
    return ChangeVerdict.of(result, enforced::contains);
  }
}
