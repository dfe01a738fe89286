package dev.mlops.maturity.cluster;

import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ClusterView over informer caches, one informer per kind the probes read (per watched namespace
 * when the operator is restricted). Built-in kinds are watched from the start; CRD-backed kinds
 * only while their CRD is served: a CRD watch starts an informer when a known CRD appears and stops
 * it (the kind reads as not installed) when the CRD is deleted. Informer errors never stop the
 * process: they are retried, and the kind reads as forbidden or failed meanwhile. A kind whose watch
 * stays down longer than {@link CacheOptions#watchOutageGrace()} after its first sync reads as
 * failed too, until the watch is back: its cached copy may be stale, so it is not evidence.
 */
public final class InformerClusterView implements ClusterView, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InformerClusterView.class);

  private final KubernetesClient client;
  private final Set<ResourceKind> kinds;
  private final Set<String> namespaces;
  private final Consumer<ClusterChange> listener;
  private final CacheOptions options;
  private final Map<ResourceKind, KindCache> caches = new ConcurrentHashMap<>();
  private volatile SharedIndexInformer<CustomResourceDefinition> crdInformer;
  private volatile boolean closed;
  private volatile ScheduledExecutorService outageCheck;

  /**
   * @param namespaces the namespaces to watch; empty means all
   * @param listener told about every change, on informer threads: it must only enqueue work
   */
  public InformerClusterView(KubernetesClient client, Collection<ResourceKind> kinds, Collection<String> namespaces,
      Consumer<ClusterChange> listener) {
    this(client, kinds, namespaces, listener, CacheOptions.DEFAULTS);
  }

  public InformerClusterView(KubernetesClient client, Collection<ResourceKind> kinds, Collection<String> namespaces,
      Consumer<ClusterChange> listener, CacheOptions options) {
    this.options = options;
    this.client = client;
    this.kinds = Set.copyOf(kinds);
    this.namespaces = Set.copyOf(namespaces);
    this.listener = listener;
  }

  /** Starts the informers and waits (at most syncTimeout) for their first LIST; a slow kind does not block the rest. */
  public void start(Duration syncTimeout) {
    kinds.stream().filter(ResourceKind::builtIn).forEach(this::ensureWatched);
    if (kinds.stream().anyMatch(k -> !k.builtIn())) {
      watchCrds(syncTimeout);
    }
    awaitSync(syncTimeout);
    startOutageCheck();
  }

  /** True when every running informer has completed its first LIST. */
  public boolean synced() {
    SharedIndexInformer<CustomResourceDefinition> crds = crdInformer;
    return (crds == null || crds.hasSynced()) && caches.values().stream().allMatch(KindCache::synced);
  }

  /** The kinds currently watched (built-in ones plus CRD kinds that are served). */
  public Set<ResourceKind> watchedKinds() {
    return Set.copyOf(caches.keySet());
  }

  @Override
  public Listing list(ResourceKind kind, String namespace) {
    KindCache cache = caches.get(kind);
    if (cache == null) {
      return kinds.contains(kind) ? Listing.notInstalled(kind) : Listing.failed(kind, "the operator does not watch this kind");
    }
    return cache.list(namespace);
  }

  @Override
  public void close() {
    closed = true;
    ScheduledExecutorService check = outageCheck;
    if (check != null) {
      check.shutdownNow();
    }
    SharedIndexInformer<CustomResourceDefinition> crds = crdInformer;
    if (crds != null) {
      crds.stop();
    }
    caches.values().forEach(KindCache::stop);
    caches.clear();
  }

  /** Looks at every kind's watch a few times per grace period; transitions are logged and re-evaluate what reads the kind. */
  private void startOutageCheck() {
    long period = Math.max(100, Math.min(5_000, options.watchOutageGrace().toMillis() / 4));
    ScheduledExecutorService check = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "watch-outage-check");
      t.setDaemon(true);
      return t;
    });
    check.scheduleWithFixedDelay(() -> {
      long now = System.nanoTime();
      for (KindCache cache : caches.values()) {
        try {
          cache.checkWatch(now);
        } catch (RuntimeException e) {
          log.warn("checking the watch of {} failed: {}", cache.kind().displayName(), e.toString());
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    outageCheck = check;
  }

  private void watchCrds(Duration syncTimeout) {
    SharedIndexInformer<CustomResourceDefinition> informer =
        client.apiextensions().v1().customResourceDefinitions().withLimit(options.informerListLimit()).runnableInformer(0);
    CompletableFuture<Void> crdsListed = new CompletableFuture<>();
    informer.exceptionHandler((started, t) -> {
      KubernetesClientException e = ClientAddressing.cause(t);
      if (!started && e != null && e.getCode() == 403) {
        crdsListed.completeExceptionally(t);
        return false;
      }
      log.warn("watching CustomResourceDefinitions failed ({}); retrying", ClientAddressing.shortReason(t));
      return !closed;
    });
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(CustomResourceDefinition crd) {
        crdChanged(crd, false);
      }

      @Override
      public void onUpdate(CustomResourceDefinition before, CustomResourceDefinition crd) {
        crdChanged(crd, false);
      }

      @Override
      public void onDelete(CustomResourceDefinition crd, boolean finalStateUnknown) {
        crdChanged(crd, true);
      }
    });
    crdInformer = informer;
    informer.start().whenComplete((v, t) -> {
      if (t == null) {
        crdsListed.complete(null);
      } else {
        crdsListed.completeExceptionally(t);
      }
    });
    try {
      crdsListed.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Without read access to CRDs, decide once from API discovery; later installs need a restart.
      log.warn("cannot watch CustomResourceDefinitions ({}); optional kinds are decided once from API discovery",
          ClientAddressing.shortReason(e));
      informer.stop();
      crdInformer = null;
      kinds.stream().filter(k -> !k.builtIn()).filter(this::servedByDiscovery).forEach(this::ensureWatched);
    }
  }

  private boolean servedByDiscovery(ResourceKind kind) {
    try {
      APIResourceList list = client.getApiResources(kind.apiVersion());
      return list != null && list.getResources().stream().anyMatch(r -> kind.plural().equals(r.getName()));
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  private void crdChanged(CustomResourceDefinition crd, boolean deleted) {
    if (crd.getSpec() == null || crd.getSpec().getNames() == null) {
      return;
    }
    String group = crd.getSpec().getGroup();
    String plural = crd.getSpec().getNames().getPlural();
    for (ResourceKind kind : kinds) {
      if (kind.builtIn() || !kind.group().equals(group) || !kind.plural().equals(plural)) {
        continue;
      }
      boolean served = !deleted && crd.getSpec().getVersions() != null && crd.getSpec().getVersions().stream()
          .anyMatch(v -> kind.version().equals(v.getName()) && Boolean.TRUE.equals(v.getServed()));
      if (served) {
        ensureWatched(kind);
      } else {
        ensureUnwatched(kind);
      }
    }
  }

  private synchronized void ensureWatched(ResourceKind kind) {
    if (closed || caches.containsKey(kind)) {
      return;
    }
    KindCache cache = new KindCache(kind, client, namespaces, options, listener, () -> closed);
    caches.put(kind, cache);
    cache.start();
    log.info("watching {}", kind.displayName());
  }

  private synchronized void ensureUnwatched(ResourceKind kind) {
    KindCache cache = caches.remove(kind);
    if (cache != null) {
      cache.stop();
      log.info("{} is no longer served; stopped watching it", kind.displayName());
      listener.accept(ClusterChange.wholeKind(kind));
    }
  }

  private void awaitSync(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (KindCache cache : List.copyOf(caches.values())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        cache.started().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.warn("{} not synced: {}", cache.kind().displayName(), ClientAddressing.shortReason(e));
      }
    }
  }
}
