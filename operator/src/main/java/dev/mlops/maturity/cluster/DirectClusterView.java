package dev.mlops.maturity.cluster;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A ClusterView over direct LIST calls (the one-shot assess command). Discovery and listings are
 * cached for the lifetime of the view, so one run asks the API server once per group/version and
 * once per kind and namespace.
 */
public final class DirectClusterView implements ClusterView {
  private final KubernetesClient client;
  private final Map<String, Optional<APIResourceList>> discovery = new ConcurrentHashMap<>();
  private final Map<String, Listing> listings = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentSkipListMap<>();

  public DirectClusterView(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Listing list(ResourceKind kind, String namespace) {
    String scope = kind.namespaced() && namespace != null ? namespace : "";
    Listing listing = listings.computeIfAbsent(kind.apiVersion() + "/" + kind.plural() + "@" + scope, k -> read(kind, scope));
    if (listing.availability() == Availability.FAILED) {
      failures.putIfAbsent(kind.displayName() + (scope.isEmpty() ? "" : " in " + scope), listing.reason());
    }
    return listing;
  }

  /**
   * The reads the API server failed (errors and timeouts, not 403 or a CRD that is not installed), by
   * kind and namespace: a one-shot assessment with any of these could not look, so it must not pass.
   */
  public Map<String, String> failures() {
    return Map.copyOf(failures);
  }

  private Listing read(ResourceKind kind, String namespace) {
    Optional<Listing> unavailable = availability(kind);
    if (unavailable.isPresent()) {
      return unavailable.get();
    }
    try {
      var resources = client.genericKubernetesResources(ClientAddressing.context(kind));
      List<GenericKubernetesResource> items = namespace.isEmpty()
          ? resources.inAnyNamespace().list().getItems()
          : resources.inNamespace(namespace).list().getItems();
      return Listing.of(kind, items);
    } catch (KubernetesClientException e) {
      return ClientAddressing.failure(kind, e);
    }
  }

  /** Empty when the kind is served; otherwise the listing that says why it cannot be read. */
  private Optional<Listing> availability(ResourceKind kind) {
    if (kind.builtIn()) {
      return Optional.empty();
    }
    Optional<APIResourceList> resources;
    try {
      resources = discovery.computeIfAbsent(kind.apiVersion(), gv -> Optional.ofNullable(client.getApiResources(gv)));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        discovery.put(kind.apiVersion(), Optional.empty());
        return Optional.of(Listing.notInstalled(kind));
      }
      return Optional.of(ClientAddressing.failure(kind, e));
    }
    boolean served = resources.map(APIResourceList::getResources).orElse(List.of()).stream()
        .anyMatch(r -> kind.plural().equals(r.getName()));
    return served ? Optional.empty() : Optional.of(Listing.notInstalled(kind));
  }
}
