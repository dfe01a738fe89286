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
 * (a full copy of the object) is dropped, and managedFields keep only who wrote when (manager,
 * operation, time), not the field sets that make up most of their size.
 */
final class PrunedItemStore implements ItemStore<GenericKubernetesResource> {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final BasicItemStore<GenericKubernetesResource> delegate = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

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
          .map(m -> new ManagedFieldsEntry(m.getApiVersion(), null, null, m.getManager(), m.getOperation(), null, m.getTime()))
          .toList());
    }
    return resource;
  }

  @Override
  public String getKey(GenericKubernetesResource obj) {
    return delegate.getKey(obj);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource obj) {
    return delegate.put(key, prune(obj));
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
