package dev.mlops.maturity.probe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a probe may look at. {@code target} is null for platform-scope probes.
 */
public record ProbeContext(WorkloadTarget target, ClusterView cluster, ExternalSources external, ProbeSettings settings, Clock clock) {

  /** Objects of a kind in the target's namespace whose labels match the target's workload selector. */
  public Listing bound(ResourceKind kind) {
    return cluster.list(kind, target.namespace()).filter(this::isBound);
  }

  /** Objects of a kind in the target's namespace, bound or not. */
  public Listing inNamespace(ResourceKind kind) {
    return cluster.list(kind, target.namespace());
  }

  public boolean isBound(GenericKubernetesResource r) {
    Map<String, String> labels = r.getMetadata() == null ? null : r.getMetadata().getLabels();
    return SelectorMatcher.matches(target.selector(), labels);
  }

  public static String ref(GenericKubernetesResource r) {
    String ns = r.getMetadata().getNamespace();
    String group = r.getApiVersion() != null && r.getApiVersion().contains("/") ? r.getApiVersion().substring(0, r.getApiVersion().indexOf('/')) + "/" : "";
    return group + r.getKind() + " " + (ns == null || ns.isEmpty() ? "" : ns + "/") + r.getMetadata().getName();
  }
}
