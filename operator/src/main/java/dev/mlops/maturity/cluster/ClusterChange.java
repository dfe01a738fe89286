package dev.mlops.maturity.cluster;

import dev.mlops.maturity.probe.ResourceKind;
import java.util.Map;

/**
 * Something a probe reads changed: one object (its namespace and labels before and after), or a
 * whole kind (its CRD was installed or removed, or its watch went down for longer than the grace or came
 * back), in which case namespace and labels are null.
 */
public record ClusterChange(ResourceKind kind, String namespace, Map<String, String> labels, Map<String, String> previousLabels) {
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
