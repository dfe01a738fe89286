package dev.mlops.maturity.bench;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ModelSource;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.cluster.CacheOptions;
import dev.mlops.maturity.cluster.InformerClusterView;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The operator's heap, the cached objects' own size with and without pruning, and evaluation cost from the caches. */
final class CacheMeasurements {
  private static final double MIB = 1024.0 * 1024.0;

  private CacheMeasurements() {}

  /** The whole operator's heap at convergence: caches, framework, meters, statuses (baseline: before it started). */
  static Map<String, Object> memory(OperatorHandle handle, long baseline, int targets, boolean pruned) {
    long heap = heapAfterGc() - baseline;
    long cached = cachedObjects(handle.cluster()) + targets; // + the framework's MaturityTarget cache
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pruned", pruned);
    out.put("cachedObjects", cached);
    out.put("heapMiB", heap / MIB);
    out.put("heapBytesPerCachedObject", cached == 0 ? 0 : heap / (double) cached);
    return out;
  }

  /**
   * The cached objects themselves: the operator's InformerClusterView over every kind the standard
   * probes read, on its own client, fills its caches; the objects are taken out, the view and its
   * client closed, and the heap with the objects held is compared with the heap once they are let go.
   * The class histogram must show exactly the held objects freed in between (something else freed at
   * that moment, e.g. by a connection closing late, would be counted as theirs): otherwise it is
   * measured again, at most three times.
   */
  static Map<String, Object> cachedObjectsMemory(ApiServer api, boolean prune, long expected, Consumer<String> progress) throws InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      List<GenericKubernetesResource> held = new ArrayList<>();
      try (KubernetesClient client = api.newClient(prune ? "cache-pruned" : "cache-unpruned");
          InformerClusterView view = new InformerClusterView(client, OperatorApp.watched(ProbeSet.standard()), List.of(), change -> {},
              CacheOptions.DEFAULTS.withPruneFields(prune))) {
        view.start(Duration.ofMinutes(5));
        awaitCached(view, expected);
        for (ResourceKind kind : view.watchedKinds()) {
          held.addAll(view.list(kind, null).items());
        }
      }
      long withObjects = settledHeap();
      long resourcesWith = ClassHistogram.liveInstances(GenericKubernetesResource.class.getName());
      int cached = held.size();
      held.clear(); // keeps the list's array, so only the objects leave
      long objects = withObjects - heapAfterGc();
      long released = resourcesWith - ClassHistogram.liveInstances(GenericKubernetesResource.class.getName());
      out.put("pruned", prune);
      out.put("cachedObjects", cached);
      out.put("objectsHeapMiB", objects / MIB);
      out.put("releasedObjects", released);
      out.put("attempts", attempt);
      out.put("bytesPerObject", cached == 0 ? 0 : objects / (double) cached);
      if (released == cached) {
        break;
      }
      progress.accept(String.format("  weighing the cache again: %d objects freed, %d held", released, cached));
    }
    return out;
  }

  /** Generated objects of the kinds the operator watches: what its caches hold once every informer synced. */
  static long expectedCached(SyntheticCluster gen) {
    Set<String> watched = new HashSet<>();
    OperatorApp.watched(ProbeSet.standard()).forEach(k -> watched.add(k.apiVersion() + "/" + k.kind()));
    return gen.objects().stream().filter(o -> watched.contains(o.getApiVersion() + "/" + o.getKind())).count();
  }

  /**
   * Optional kinds get their informer when their CRD is seen, after start() returns; memory figures
   * are taken only once every generated object is cached (or after a minute, reported as it is).
   */
  static void awaitCached(InformerClusterView cluster, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (cachedObjects(cluster) < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static long cachedObjects(InformerClusterView cluster) {
    long n = 0;
    for (ResourceKind kind : cluster.watchedKinds()) {
      n += cluster.list(kind, null).items().size();
    }
    return n;
  }

  /** Full assessments from the operator's caches: per target, and all targets one after another. */
  static Map<String, Object> evaluation(InformerClusterView cluster, TargetAssessor assessor, ModelSource catalog,
      List<MaturityTarget> targets) {
    List<Long> times = new ArrayList<>();
    long start = System.nanoTime();
    for (int round = 0; round < 2; round++) { // the first round warms up
      times.clear();
      start = System.nanoTime();
      Map<String, Evidence> platform = assessor.platformEvidence(cluster, ExternalSources.NONE);
      for (MaturityTarget t : targets) {
        long s = System.nanoTime();
        assessor.assess(t, catalog, cluster, ExternalSources.NONE, platform, PreviousEvaluation.NONE);
        times.add(System.nanoTime() - s);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("perTargetMs", Stats.ofNanos(times));
    out.put("allTargetsMs", (System.nanoTime() - start) / 1e6);
    return out;
  }

  /**
   * The heap after GC once it has stopped moving (two readings 2 s apart within 1 MiB, at most 60 s):
   * what a just-closed client or operator leaves behind is freed only when its connections finally
   * close, and must not fall inside the next measurement.
   */
  static long settledHeap() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long previous = heapAfterGc();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long now = heapAfterGc();
      if (Math.abs(now - previous) < MIB) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * The largest single response of an initial sync without paging (one LIST per kind, what the
   * informers asked for before they paged): a cluster view with paging off, on its own client.
   */
  static Map<String, Object> unpagedSync(ApiServer api, long expected) {
    Map<String, Object> out = new LinkedHashMap<>();
    String identity = "cache-unpaged";
    long start = System.nanoTime();
    try (KubernetesClient client = api.newClient(identity);
        InformerClusterView view = new InformerClusterView(client, OperatorApp.watched(ProbeSet.standard()), List.of(), change -> {},
            CacheOptions.DEFAULTS.withListPageSize(0))) {
      view.start(Duration.ofMinutes(5));
      awaitCached(view, expected);
      out.put("seconds", BenchRunner.secondsSince(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | OutOfMemoryError e) {
      out.put("error", e.toString()); // one giant response may not fit in the heap: that is the finding
    }
    Traffic.Snapshot t = api.traffic(identity);
    out.put("lists", t.requests().getOrDefault("LIST", 0L));
    out.put("largestResponseBytes", t.largestResponse());
    out.put("bytes", t.totalBytes());
    return out;
  }
}
