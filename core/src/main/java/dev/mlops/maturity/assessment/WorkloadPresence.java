package dev.mlops.maturity.assessment;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.SelectorMatcher;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says when a target's selector matches no object at all in its namespace, among every namespaced
 * kind the operator watches: almost always a typo in the selector, which would otherwise read as a
 * workload that is simply immature. Says nothing when a kind could not be read, or when no kind was looked at. Part of the shared
 * pipeline ({@link TargetAssessor}), so the operator and {@code assess} report the same problem.
 */
final class WorkloadPresence {
  private final Set<ResourceKind> kinds;

  WorkloadPresence(Set<ResourceKind> kinds) {
    this.kinds = kinds.stream().filter(ResourceKind::namespaced).filter(k -> !k.equals(ClusterModels.KIND))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  Optional<SpecProblem> check(MaturityTarget target, ClusterView cluster) {
    if (target.getSpec() == null || target.getSpec().workload == null || target.getSpec().workload.selector == null) {
      return Optional.empty();
    }
    LabelSelector selector = target.getSpec().workload.selector;
    String ns = target.getMetadata().getNamespace();
    boolean looked = false;
    for (ResourceKind kind : kinds) {
      Listing listing = cluster.list(kind, ns);
      if (listing.served()) {
        looked = true;
        for (GenericKubernetesResource r : listing.items()) {
          Map<String, String> labels = r.getMetadata() == null ? null : r.getMetadata().getLabels();
          if (SelectorMatcher.matches(selector, labels == null ? Map.of() : labels)) {
            return Optional.empty();
          }
        }
      } else if (listing.availability() != Availability.NOT_INSTALLED) {
        return Optional.empty();
      }
    }
    if (!looked) {
      return Optional.empty();
    }
    return Optional.of(new SpecProblem("spec.workload.selector", "SelectorMatchesNothing",
        "spec.workload.selector matches no object in namespace " + ns + ": check its labels"));
  }
}
