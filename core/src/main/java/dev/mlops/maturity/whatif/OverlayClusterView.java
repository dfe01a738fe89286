package dev.mlops.maturity.whatif;

import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as it would be after a plan is applied: the base view's listings with the plan's objects
 * created, replaced (kubectl-style, by group, kind, namespace and name) or deleted. Read-only: nothing
 * reaches the API server but the base view's own reads. A replaced object keeps the live object's
 * {@code status} when the document has none, as {@code kubectl apply} leaves the status subresource alone.
 * A kind the cluster does not serve stays unserved: a plan cannot create objects of a CRD that is not installed.
 */
public final class OverlayClusterView implements ClusterView {
  private final ClusterView base;
  private final Plan plan;

  public OverlayClusterView(ClusterView base, Plan plan) {
    this.base = base;
    this.plan = plan;
  }

  @Override
  public Listing list(ResourceKind kind, String namespace) {
    Listing listing = base.list(kind, namespace);
    List<PlannedObject> planned = plan.of(kind);
    if (planned.isEmpty() || !listing.served()) {
      return listing;
    }
    List<GenericKubernetesResource> items = new ArrayList<>(listing.items());
    for (PlannedObject p : planned) {
      if (kind.namespaced() && namespace != null && !namespace.equals(p.namespace())) {
        continue;
      }
      Optional<GenericKubernetesResource> live = items.stream().filter(o -> p.sameObject(kind, o)).findFirst();
      live.ifPresent(items::remove);
      if (!p.delete()) {
        items.add(withLiveStatus(p.object(), live));
      }
    }
    return Listing.of(kind, items);
  }

  private static GenericKubernetesResource withLiveStatus(GenericKubernetesResource planned, Optional<GenericKubernetesResource> live) {
    Object status = live.map(l -> l.getAdditionalProperties().get("status")).orElse(null);
    if (status == null || planned.getAdditionalProperties().containsKey("status")) {
      return planned;
    }
    GenericKubernetesResource copy = Serialization.jsonMapper().convertValue(planned, GenericKubernetesResource.class);
    copy.getAdditionalProperties().put("status", status);
    return copy;
  }
}
