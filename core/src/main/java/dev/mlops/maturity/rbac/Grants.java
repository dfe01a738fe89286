package dev.mlops.maturity.rbac;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Where permissions must be granted: cluster-wide (a ClusterRole) and per namespace (Roles). */
public record Grants(SortedSet<Permission> clusterWide, Map<String, SortedSet<Permission>> byNamespace) {

  public Grants {
    clusterWide = Collections.unmodifiableSortedSet(new TreeSet<>(clusterWide));
    TreeMap<String, SortedSet<Permission>> copy = new TreeMap<>();
    byNamespace.forEach((ns, permissions) -> copy.put(ns, Collections.unmodifiableSortedSet(new TreeSet<>(permissions))));
    byNamespace = Collections.unmodifiableMap(copy);
  }

  /** What must be granted in one namespace (empty when nothing is). */
  public Set<Permission> inNamespace(String namespace) {
    return byNamespace.getOrDefault(namespace, Collections.emptySortedSet());
  }
}
