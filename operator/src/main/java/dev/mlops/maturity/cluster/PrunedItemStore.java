package dev.mlops.maturity.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An informer store that keeps less of each object: the last-applied-configuration annotation
 * (a full copy of the object) is dropped, and managedFields keep only who wrote what when (manager,
 * operation, subresource, time: pipeline-decides-deployment must tell a controller's status write from a
 * spec change), not the field sets that make up most of their size. What is kept is stored
 * compactly: maps (the object's fields, labels, annotations) become read-only {@link CompactMap}s,
 * lists are trimmed, and string values are interned (names, images, label values repeat across
 * objects). {@link #whole()} keeps objects as they come, only to measure what pruning saves.
 *
 * <p>{@link #clear()} empties it when its informer stops: a stopped informer can stay reachable
 * for a while (its watch connection closes asynchronously), and must not keep every object with it.
 */
final class PrunedItemStore implements ItemStore<GenericKubernetesResource> {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final BasicItemStore<GenericKubernetesResource> delegate = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
  private final boolean pruning;

  private PrunedItemStore(boolean pruning) {
    this.pruning = pruning;
  }

  /** The operator's store: pruned and compacted objects. */
  static PrunedItemStore pruned() {
    return new PrunedItemStore(true);
  }

  /** Objects kept whole, as the informer's default store would (for measurements). */
  static PrunedItemStore whole() {
    return new PrunedItemStore(false);
  }

  static GenericKubernetesResource prune(GenericKubernetesResource resource) {
    ObjectMeta meta = resource.getMetadata();
    if (meta == null) {
      return resource;
    }
    Map<String, String> annotations = meta.getAnnotations();
    if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
      annotations.remove(LAST_APPLIED);
      if (annotations.isEmpty()) {
        meta.setAnnotations(null);
      }
    }
    List<ManagedFieldsEntry> managed = meta.getManagedFields();
    if (managed != null && !managed.isEmpty()) {
      meta.setManagedFields(managed.stream()
          .map(m -> new ManagedFieldsEntry(intern(m.getApiVersion()), null, null, intern(m.getManager()), intern(m.getOperation()),
              intern(m.getSubresource()), intern(m.getTime())))
          .toList());
    }
    return resource;
  }

  /** Pruned, then compacted: read-only compact maps, trimmed lists, interned strings. */
  @SuppressWarnings("unchecked")
  static GenericKubernetesResource compact(GenericKubernetesResource resource) {
    prune(resource);
    ObjectMeta meta = resource.getMetadata();
    if (meta != null) {
      if (meta.getLabels() != null) {
        meta.setLabels((Map<String, String>) compactValue(meta.getLabels()));
      }
      if (meta.getAnnotations() != null) {
        meta.setAnnotations((Map<String, String>) compactValue(meta.getAnnotations()));
      }
      meta.setNamespace(intern(meta.getNamespace()));
      meta.setName(intern(meta.getName()));
      meta.setCreationTimestamp(intern(meta.getCreationTimestamp()));
    }
    resource.setApiVersion(intern(resource.getApiVersion()));
    resource.setKind(intern(resource.getKind()));
    if (resource.getAdditionalProperties() != null) {
      resource.setAdditionalProperties((Map<String, Object>) compactValue(resource.getAdditionalProperties()));
    }
    return resource;
  }

  @SuppressWarnings("unchecked")
  private static Object compactValue(Object value) {
    if (value instanceof CompactMap<?>) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>();
      ((Map<Object, Object>) map).forEach((k, v) -> copy.put(intern(String.valueOf(k)), compactValue(v)));
      return CompactMap.copyOf(copy);
    }
    if (value instanceof List<?> list) {
      java.util.ArrayList<Object> copy = new java.util.ArrayList<>(list.size());
      list.forEach(v -> copy.add(compactValue(v)));
      return copy;
    }
    if (value instanceof String s) {
      return intern(s);
    }
    return value;
  }

  private static String intern(String s) {
    return s == null ? null : s.intern();
  }

  @Override
  public String getKey(GenericKubernetesResource obj) {
    return delegate.getKey(obj);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource obj) {
    return delegate.put(key, pruning ? compact(obj) : obj);
  }

  /** Drops every object. */
  void clear() {
    delegate.keySet().toList().forEach(delegate::remove);
  }

  @Override
  public GenericKubernetesResource remove(String key) {
    return delegate.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return delegate.keySet();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return delegate.values();
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public GenericKubernetesResource get(String key) {
    return delegate.get(key);
  }
}
