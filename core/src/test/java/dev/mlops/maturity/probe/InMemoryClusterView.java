package dev.mlops.maturity.probe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A ClusterView over objects held in memory, with kinds that can be marked not installed, forbidden or failing. */
public final class InMemoryClusterView implements ClusterView {
  private final List<GenericKubernetesResource> objects = new ArrayList<>();
  private final Set<ResourceKind> notInstalled = new HashSet<>();
  private final Map<ResourceKind, String> forbidden = new HashMap<>();
  private final Map<ResourceKind, String> failing = new HashMap<>();

  public InMemoryClusterView add(HasMetadata object) {
    GenericKubernetesResource g = object instanceof GenericKubernetesResource gr
        ? gr : Serialization.unmarshal(Serialization.asJson(object), GenericKubernetesResource.class);
    objects.add(g);
    return this;
  }

  /** Loads every document of a multi-document YAML string. */
  public InMemoryClusterView addYaml(String yaml) {
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank() || doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      add(Serialization.unmarshal(doc, GenericKubernetesResource.class));
    }
    return this;
  }

  public InMemoryClusterView notInstalled(ResourceKind kind) {
    notInstalled.add(kind);
    return this;
  }

  public InMemoryClusterView forbidden(ResourceKind kind) {
    forbidden.put(kind, "403");
    return this;
  }

  public InMemoryClusterView failing(ResourceKind kind, String why) {
    failing.put(kind, why);
    return this;
  }

  @Override
  public Listing list(ResourceKind kind, String namespace) {
    if (notInstalled.contains(kind)) {
      return Listing.notInstalled(kind);
    }
    if (forbidden.containsKey(kind)) {
      return Listing.forbidden(kind, forbidden.get(kind));
    }
    if (failing.containsKey(kind)) {
      return Listing.failed(kind, failing.get(kind));
    }
    List<GenericKubernetesResource> items = objects.stream()
        .filter(o -> Objects.equals(o.getApiVersion(), kind.apiVersion()) && Objects.equals(o.getKind(), kind.kind()))
        .filter(o -> namespace == null || !kind.namespaced() || namespace.equals(o.getMetadata().getNamespace()))
        .toList();
    return Listing.of(kind, items);
  }

  /** Looks a kind up by "group/Kind" (or "Kind" for core), as scenario files name them. */
  public static ResourceKind kindNamed(String displayName) {
    return KindCatalogue.ALL.stream().filter(k -> k.displayName().equals(displayName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind " + displayName + " in KindCatalogue.ALL"));
  }
}
