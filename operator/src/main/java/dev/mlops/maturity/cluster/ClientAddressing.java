package dev.mlops.maturity.cluster;

import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Translations between our ResourceKind and the Fabric8 client: addressing, and errors as Listings. */
final class ClientAddressing {
  private ClientAddressing() {}

  /** Addresses the kind without discovery (the plural is known), so built-in kinds work on any server. */
  static ResourceDefinitionContext context(ResourceKind kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(kind.group())
        .withVersion(kind.version())
        .withKind(kind.kind())
        .withPlural(kind.plural())
        .withNamespaced(kind.namespaced())
        .build();
  }

  static Listing failure(ResourceKind kind, Throwable t) {
    KubernetesClientException e = cause(t);
    if (e != null && e.getCode() == 404) {
      return Listing.notInstalled(kind);
    }
    if (e != null && e.getCode() == 403) {
      return Listing.forbidden(kind, "HTTP 403");
    }
    return Listing.failed(kind, shortReason(t));
  }

  /** A short reason without response bodies: the HTTP code, or the exception type. */
  static String shortReason(Throwable t) {
    KubernetesClientException e = cause(t);
    if (e != null && e.getCode() > 0) {
      return "HTTP " + e.getCode();
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }

  static KubernetesClientException cause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof KubernetesClientException k) {
        return k;
      }
    }
    return null;
  }
}
