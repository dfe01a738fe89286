package dev.mlops.maturity.cluster;

import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/**
 * Something a probe reads changed: one object (its namespace and labels before and after), or a
 * whole kind (its CRD was installed or removed, or its watch went down for longer than the grace or came
 * back), in which case namespace and labels are null.
 * {@code objects} are the object after and before the change (either may be absent), for listeners that
 * need more than labels to find who is affected.
 */
public record ClusterChange(ResourceKind kind, String namespace, Map<String, String> labels, Map<String, String> previousLabels,
    List<GenericKubernetesResource> objects) {
  public ClusterChange {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }

  public ClusterChange(ResourceKind kind, String namespace, Map<String, String> labels, Map<String, String> previousLabels) {
    this(kind, namespace, labels, previousLabels, List.of());
  }

  public static ClusterChange wholeKind(ResourceKind kind) {
    return new ClusterChange(kind, null, null, null);
  }

  public boolean wholeKindChanged() {
    return labels == null && previousLabels == null;
  }

  /** True when the change cannot be placed in one namespace (cluster-scoped kind, or a CRD change). */
  public boolean clusterWide() {
    return !kind.namespaced() || namespace == null;
  }
}
