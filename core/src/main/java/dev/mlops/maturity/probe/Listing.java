package dev.mlops.maturity.probe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.function.Predicate;

/** The answer to "list this kind here": the objects, or why they could not be read. */
public record Listing(ResourceKind kind, Availability availability, List<GenericKubernetesResource> items, String reason) {
  public Listing {
    items = items == null ? List.of() : List.copyOf(items);
    reason = reason == null ? "" : reason;
  }

  public static Listing of(ResourceKind kind, List<GenericKubernetesResource> items) {
    return new Listing(kind, Availability.SERVED, items, "");
  }

  public static Listing notInstalled(ResourceKind kind) {
    return new Listing(kind, Availability.NOT_INSTALLED, List.of(), kind.displayName() + " is not installed (CRD " + kind.plural() + "." + kind.group() + " not served)");
  }

  public static Listing forbidden(ResourceKind kind, String detail) {
    return new Listing(kind, Availability.FORBIDDEN, List.of(), "forbidden: cannot list " + kind.plural() + "." + kind.group() + (detail == null ? "" : " (" + detail + ")"));
  }

  public static Listing failed(ResourceKind kind, String detail) {
    return new Listing(kind, Availability.FAILED, List.of(), "reading " + kind.displayName() + " failed: " + detail);
  }

  public boolean served() {
    return availability == Availability.SERVED;
  }

  public Listing filter(Predicate<GenericKubernetesResource> keep) {
    return served() ? new Listing(kind, availability, items.stream().filter(keep).toList(), reason) : this;
  }
}
