package dev.mlops.maturity.cluster;

import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one kind (one per watched namespace when the operator is restricted), the last
 * error they met and whether the kind's watch is in an outage: what {@link InformerClusterView}
 * keeps per kind it reads.
 */
final class KindCache {
  private static final Logger log = LoggerFactory.getLogger(KindCache.class);

  private final ResourceKind kind;
  private final KubernetesClient client;
  private final Set<String> namespaces;
  private final CacheOptions options;
  private final Consumer<ClusterChange> listener;
  private final BooleanSupplier viewClosed;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final List<PrunedItemStore> stores = new ArrayList<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private volatile Throwable lastError;
  private volatile boolean stopped;
  /** When the watch was first seen down (System.nanoTime), or -1 while it is up. */
  private volatile long downSince = -1;
  private volatile boolean outage;

  /**
   * @param namespaces the namespaces to watch; empty means all
   * @param listener told about every change, on informer threads
   * @param viewClosed true once the view that owns this cache is closed: errors are then no longer retried
   */
  KindCache(ResourceKind kind, KubernetesClient client, Set<String> namespaces, CacheOptions options,
      Consumer<ClusterChange> listener, BooleanSupplier viewClosed) {
    this.kind = kind;
    this.client = client;
    this.namespaces = namespaces;
    this.options = options;
    this.listener = listener;
    this.viewClosed = viewClosed;
  }

  ResourceKind kind() {
    return kind;
  }

  /** Completes once every informer of the kind has listed it (exceptionally if one failed to start). */
  CompletableFuture<Void> started() {
    return started;
  }

  void start() {
    var resources = client.genericKubernetesResources(ClientAddressing.context(kind));
    if (namespaces.isEmpty() || !kind.namespaced()) {
      informers.add(resources.inAnyNamespace().withLimit(options.informerListLimit()).runnableInformer(0));
    } else {
      namespaces.forEach(ns -> informers.add(resources.inNamespace(ns).withLimit(options.informerListLimit()).runnableInformer(0)));
    }
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
      PrunedItemStore store = options.pruneFields() ? PrunedItemStore.pruned() : PrunedItemStore.whole();
      stores.add(store);
      informer.itemStore(store);
      informer.exceptionHandler((isStarted, t) -> {
        lastError = t;
        log.debug("informer for {} failed: {}", kind.displayName(), ClientAddressing.shortReason(t));
        return !stopped && !viewClosed.getAsBoolean();
      });
      informer.addEventHandler(new ResourceEventHandler<>() {
        @Override
        public void onAdd(GenericKubernetesResource obj) {
          announce(obj, null);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource now) {
          if (!Objects.equals(before.getMetadata().getResourceVersion(), now.getMetadata().getResourceVersion())) {
            announce(now, before);
          }
        }

        @Override
        public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
          announce(null, obj);
        }
      });
      starts.add(informer.start().toCompletableFuture());
    }
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
      if (t == null) {
        lastError = null;
        started.complete(null);
        // an empty kind produces no add events, but its availability changed
        listener.accept(ClusterChange.wholeKind(kind));
      } else {
        started.completeExceptionally(t);
      }
    });
  }

  boolean synced() {
    return informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** Called periodically: flags an outage once the watch has been down longer than the grace, clears it once it is back. */
  void checkWatch(long now) {
    if (stopped || !synced()) {
      return; // before the first sync, list() already says so
    }
    boolean watching = informers.stream().allMatch(SharedIndexInformer::isWatching);
    if (watching) {
      downSince = -1;
      if (outage) {
        outage = false;
        log.info("the watch of {} is back; its cache counts as evidence again", kind.displayName());
        listener.accept(ClusterChange.wholeKind(kind));
      }
      return;
    }
    if (downSince < 0) {
      downSince = now;
    } else if (!outage && now - downSince >= options.watchOutageGrace().toNanos()) {
      outage = true;
      log.warn("the watch of {} has been down for {} s{}; what depends on it is Unknown until it is back", kind.displayName(),
          TimeUnit.NANOSECONDS.toSeconds(now - downSince), lastErrorSuffix());
      listener.accept(ClusterChange.wholeKind(kind));
    }
  }

  private String lastErrorSuffix() {
    Throwable error = lastError;
    return error == null ? "" : " (" + ClientAddressing.shortReason(error) + ")";
  }

  Listing list(String namespace) {
    if (!synced()) {
      Throwable error = lastError;
      return error != null ? ClientAddressing.failure(kind, error) : Listing.failed(kind, "cache not synced yet");
    }
    if (outage) {
      long down = downSince;
      String since = down < 0 ? "" : " for " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - down) + " s";
      return Listing.failed(kind, "the watch has been down" + since + lastErrorSuffix() + "; the cached copy may be stale");
    }
    List<GenericKubernetesResource> items = new ArrayList<>();
    for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
      if (namespace != null && kind.namespaced()) {
        items.addAll(informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
      } else {
        items.addAll(informer.getStore().list());
      }
    }
    return Listing.of(kind, items);
  }

  void stop() {
    stopped = true;
    informers.forEach(SharedIndexInformer::stop);
    // the watch connections of stopped informers close asynchronously and keep them reachable meanwhile
    stores.forEach(PrunedItemStore::clear);
    started.cancel(false);
  }

  private void announce(GenericKubernetesResource now, GenericKubernetesResource before) {
    GenericKubernetesResource ref = now != null ? now : before;
    String ns = ref.getMetadata() == null ? null : ref.getMetadata().getNamespace();
    Map<String, String> labels = now == null || now.getMetadata() == null ? null : labelsOf(now);
    Map<String, String> previous = before == null || before.getMetadata() == null ? null : labelsOf(before);
    try {
      listener.accept(new ClusterChange(kind, ns, labels == null && previous == null ? Map.of() : labels, previous));
    } catch (RuntimeException e) {
      log.warn("change listener failed for {}: {}", kind.displayName(), e.toString());
    }
  }

  private static Map<String, String> labelsOf(GenericKubernetesResource r) {
    return r.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(r.getMetadata().getLabels());
  }
}
