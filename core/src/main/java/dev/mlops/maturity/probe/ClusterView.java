package dev.mlops.maturity.probe;

/**
 * Read-only port to cluster state. Implemented over direct LISTs (the assess command) and over
 * informer caches (the operator); probes see no difference.
 */
public interface ClusterView {
  /**
   * Objects of {@code kind} in {@code namespace}, or in all namespaces when namespace is null (and
   * for cluster-scoped kinds). Never throws: failures come back as a non-SERVED Listing.
   */
  Listing list(ResourceKind kind, String namespace);
}
