package dev.mlops.maturity.bench;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ModelSource;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.cluster.CacheOptions;
import dev.mlops.maturity.cluster.DirectClusterView;
import dev.mlops.maturity.cluster.InformerClusterView;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.demo.DemoCluster;
import dev.mlops.maturity.demo.ThirdPartyCrds;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Gauge;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/** Runs every measurement of one scale against a fresh in-process API server; see {@link Bench}. */
public final class BenchRunner {
  private static final double MIB = 1024.0 * 1024.0;

  private final BenchSettings settings;
  private final Consumer<String> progress;

  public BenchRunner(BenchSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** The figures of one scale, as an ordered map (the JSON report's shape). */
  public Map<String, Object> run(double scale) throws Exception {
    int targetCount = Math.max(5, (int) Math.round(settings.targets() * scale));
    int objectCount = Math.max(targetCount * 8, (int) Math.round(settings.objects() * scale));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scale", scale);
    out.put("targets", targetCount);
    long t = System.nanoTime();
    SyntheticCluster gen = SyntheticCluster.generate(targetCount, objectCount);
    out.put("objects", gen.objects().size());
    out.put("namespaces", gen.namespaces().size());
    progress.accept(String.format("scale %s: %d targets, %d objects in %d namespaces", scale, targetCount, gen.objects().size(),
        gen.namespaces().size()));

    try (ApiServer api = ApiServer.start(); KubernetesClient admin = api.newClient()) {
      populate(api, admin, gen);
      out.put("populateSeconds", secondsSince(t));
      MaturityModel model = Serialization.unmarshal(SyntheticCluster.MODEL, MaturityModel.class);
      ModelSource catalog = benchModels(model);
      Clock clock = Clock.systemUTC();
      TargetAssessor assessor = new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), ProbeSettings.DEFAULTS, clock), clock);
      List<MaturityTarget> targets = gen.targets().stream()
          .map(g -> Serialization.jsonMapper().convertValue(g, MaturityTarget.class)).toList();
      Map<String, Integer> intended = new LinkedHashMap<>();
      gen.workloads().forEach(w -> intended.put(key(w.namespace(), w.name()), w.level()));

      Map<String, Object> naive = naive(api, admin, assessor, catalog, targets, intended);
      out.put("naive", naive);
      progress.accept(String.format("  naive baseline: %s of %d targets assessed in %.1f s, %s at the intended level",
          naive.get("targetsAssessed"), targetCount, (double) naive.get("measuredSeconds"), naive.get("correctTargets")));
      if (naive.get("firstMismatch") != null) {
        progress.accept("  naive mismatch: " + naive.get("firstMismatch"));
      }

      // each watch on its own client (own connection and event loop), as a separate process would have
      try (KubernetesClient statusClient = api.newClient(); KubernetesClient floorClient = api.newClient();
          StatusWatch status = new StatusWatch(statusClient, intended); FloorWatch floor = new FloorWatch(floorClient)) {
        long baseline = settledHeap();
        Map<String, Long> beforeStart = api.counts();
        long start = System.nanoTime();
        OperatorHandle handle;
        try (KubernetesClient opClient = api.newClient()) {
          handle = OperatorApp.start(opClient, ProbeSet.standard(), options(true).withConfig(OperatorConfig.EMPTY));
          try {
            double started = secondsSince(start);
            boolean converged = status.awaitAllCorrect(settings.convergenceTimeout(), progress);
            double convergence = secondsSince(start);
            Map<String, Object> conv = new LinkedHashMap<>();
            conv.put("seconds", convergence);
            conv.put("startupSeconds", started);
            conv.put("converged", converged);
            conv.put("correctTargets", status.correct());
            conv.put("wrongTargets", status.wrong(5));
            conv.put("requests", ApiServer.diff(api.counts(), beforeStart));
            out.put("convergence", conv);
            double naiveSeconds = (double) naive.get("extrapolatedSeconds");
            out.put("convergenceSpeedup", naiveSeconds / convergence);
            progress.accept(String.format("  operator converged=%s in %.1f s (naive %.1f s)", converged, convergence, naiveSeconds));

            Thread.sleep(2000); // let the last Events and status patches land
            out.put("idle", idle(api));
            awaitCached(handle.cluster(), expectedCached(gen));
            out.put("memory", memory(handle, baseline, targetCount, true));
            out.put("evaluation", evaluation(handle.cluster(), assessor, catalog, targets));
            out.put("detection", detection(admin, handle, gen, status, floor));
          } finally {
            handle.stop();
          }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> mem = (Map<String, Object>) out.get("memory");
        for (boolean prune : new boolean[] {true, false}) {
          mem.put(prune ? "cachePruned" : "cacheUnpruned", cachedObjectsMemory(api, prune, expectedCached(gen)));
        }
        mem.put("bytesPerCachedObject", ((Map<String, Object>) mem.get("cachePruned")).get("bytesPerObject"));
        mem.put("unprunedBytesPerCachedObject", ((Map<String, Object>) mem.get("cacheUnpruned")).get("bytesPerObject"));
        progress.accept(String.format("  cache: %.0f B/object pruned, %.0f B/object unpruned", mem.get("bytesPerCachedObject"),
            mem.get("unprunedBytesPerCachedObject")));
      }
    }
    out.put("totalSeconds", secondsSince(t));
    return out;
  }

  private OperatorOptions options(boolean prune) {
    return OperatorOptions.defaults().withMetrics("127.0.0.1", -1).withCacheSyncTimeout(Duration.ofMinutes(5))
        .withShutdownTimeout(Duration.ofSeconds(2)).withPruneCachedFields(prune);
  }

  private void populate(ApiServer api, KubernetesClient admin, SyntheticCluster gen) throws Exception {
    DemoCluster.applyCrds(admin, settings.projectRoot().resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(admin, crd));
    admin.resource(Serialization.unmarshal(SyntheticCluster.MODEL, GenericKubernetesResource.class)).create();
    createAll(admin, gen.objects());
    createAll(admin, gen.targets());
  }

  private static void createAll(KubernetesClient client, List<GenericKubernetesResource> objects) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      int chunk = Math.max(1, objects.size() / 16);
      for (int i = 0; i < objects.size(); i += chunk) {
        List<GenericKubernetesResource> part = objects.subList(i, Math.min(objects.size(), i + chunk));
        done.add(pool.submit(() -> part.forEach(o -> create(client, o))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Creates the object, then writes its status (the API server drops status on create when it is a subresource). */
  private static void create(KubernetesClient client, GenericKubernetesResource o) {
    GenericKubernetesResource created = client.resource(o).create();
    Object status = o.getAdditionalProperties().get("status");
    if (status != null && !status.equals(created.getAdditionalProperties().get("status"))) {
      created.setAdditionalProperty("status", status);
      client.resource(created).updateStatus();
    }
  }

  /**
   * The naive baseline: every reconcile LISTs the kinds its probes read (and asks discovery) through a
   * fresh DirectClusterView, with the operator's reconcile thread count. Runs for the budget, then
   * extrapolates to all targets.
   */
  /** The built-in models plus the synthetic cluster's bench-model, resolved without reading the cluster. */
  private static ModelSource benchModels(MaturityModel model) {
    BuiltInModels builtIns = BuiltInModels.load();
    ModelSource.Resolution bench;
    try {
      bench = ModelSource.Resolution.of(dev.mlops.maturity.model.ModelReader.read(model));
    } catch (dev.mlops.maturity.model.InvalidModelException e) {
      throw new IllegalStateException("the synthetic bench-model is invalid: " + e.getMessage(), e);
    }
    return name -> name.equals(model.getMetadata().getName()) ? bench
        : builtIns.find(name).map(ModelSource.Resolution::of)
            .orElse(ModelSource.Resolution.problem("UnknownModel", "model '" + name + "' is unknown"));
  }

  private Map<String, Object> naive(ApiServer api, KubernetesClient client, TargetAssessor assessor, ModelSource catalog,
      List<MaturityTarget> targets, Map<String, Integer> intended) throws Exception {
    Map<String, Long> before = api.counts();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger correct = new AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<String> mismatch = new java.util.concurrent.atomic.AtomicReference<>();
    List<Long> perTarget = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long deadline = start + settings.naiveBudget().toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(settings.reconcileThreads());
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < settings.reconcileThreads(); w++) {
      workers.add(pool.submit(() -> {
        int i;
        while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < targets.size()) {
          MaturityTarget target = targets.get(i);
          long s = System.nanoTime();
          DirectClusterView view = new DirectClusterView(client);
          Map<String, Evidence> platform = assessor.platformEvidence(view, ExternalSources.NONE);
          TargetAssessment a = assessor.assess(target, catalog, view, ExternalSources.NONE, platform, PreviousEvaluation.NONE);
          perTarget.add(System.nanoTime() - s);
          Integer want = intended.get(key(target.getMetadata().getNamespace(), target.getMetadata().getName()));
          if (a.assessment().isPresent() && Objects.equals(want, a.assessment().get().observedLevel())) {
            correct.incrementAndGet();
          } else if (mismatch.get() == null) {
            mismatch.set(target.getMetadata().getName() + " want " + want + ": " + (a.assessment().isEmpty() ? a.problems()
                : a.assessment().get().capabilities().stream().map(c -> c.id() + "=" + c.evidence().state() + " (" + c.evidence().message() + ")")
                    .toList()));
          }
        }
      }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    pool.shutdown();
    double elapsed = secondsSince(start);
    int done = perTarget.size();
    Map<String, Long> requests = ApiServer.diff(api.counts(), before);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("targetsAssessed", done);
    out.put("correctTargets", correct.get());
    out.put("measuredSeconds", elapsed);
    out.put("extrapolated", done < targets.size());
    out.put("extrapolatedSeconds", done == 0 ? Double.NaN : elapsed * targets.size() / done);
    out.put("perTargetMs", Stats.ofNanos(perTarget));
    out.put("firstMismatch", mismatch.get());
    out.put("requestsPerTarget", done == 0 ? 0 : requests.values().stream().mapToLong(Long::longValue).sum() / (double) done);
    out.put("requests", requests);
    return out;
  }

  private Map<String, Object> idle(ApiServer api) throws InterruptedException {
    Map<String, Long> before = api.counts();
    long start = System.nanoTime();
    Thread.sleep(settings.idle().toMillis());
    double minutes = (System.nanoTime() - start) / 60e9;
    Map<String, Long> during = ApiServer.diff(api.counts(), before);
    Map<String, Object> perMinute = new LinkedHashMap<>();
    during.forEach((verb, n) -> perMinute.put(verb, n / minutes));
    long writes = during.entrySet().stream().filter(e -> ApiServer.WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("windowSeconds", minutes * 60);
    out.put("requestsPerMinuteByVerb", perMinute);
    out.put("requestsPerMinute", during.values().stream().mapToLong(Long::longValue).sum() / minutes);
    out.put("writesPerMinute", writes / minutes);
    out.put("listsPerMinute", during.getOrDefault("LIST", 0L) / minutes);
    return out;
  }

  /** The whole operator's heap at convergence: caches, framework, meters, statuses (baseline: before it started). */
  private Map<String, Object> memory(OperatorHandle handle, long baseline, int targets, boolean pruned) {
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
  private Map<String, Object> cachedObjectsMemory(ApiServer api, boolean prune, long expected) throws InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      List<GenericKubernetesResource> held = new ArrayList<>();
      try (KubernetesClient client = api.newClient();
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
  private static long expectedCached(SyntheticCluster gen) {
    java.util.Set<String> watched = new java.util.HashSet<>();
    OperatorApp.watched(ProbeSet.standard()).forEach(k -> watched.add(k.apiVersion() + "/" + k.kind()));
    return gen.objects().stream().filter(o -> watched.contains(o.getApiVersion() + "/" + o.getKind())).count();
  }

  /**
   * Optional kinds get their informer when their CRD is seen, after start() returns; memory figures
   * are taken only once every generated object is cached (or after a minute, reported as it is).
   */
  private static void awaitCached(InformerClusterView cluster, long expected) throws InterruptedException {
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
  private Map<String, Object> evaluation(InformerClusterView cluster, TargetAssessor assessor, ModelSource catalog,
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
   * Suspends and resumes CronWorkflows of level-2+ targets one at a time; times until the operator's
   * status (seen through a watch) and its observed-level gauge show the new level, and until a bare
   * informer on CronWorkflows sees the change (the floor).
   */
  private Map<String, Object> detection(KubernetesClient admin, OperatorHandle handle, SyntheticCluster gen, StatusWatch status,
      FloorWatch floor) throws InterruptedException {
    List<SyntheticCluster.Workload> candidates = gen.workloads().stream().filter(w -> w.level() >= 2).toList();
    Map<String, Boolean> suspended = new ConcurrentHashMap<>();
    List<Long> statusNs = new ArrayList<>();
    List<Long> metricNs = new ArrayList<>();
    List<Long> floorNs = new ArrayList<>();
    int missed = 0;
    for (int k = 0; k < settings.latencySamples() && !candidates.isEmpty(); k++) {
      SyntheticCluster.Workload w = candidates.get(k % candidates.size());
      String key = key(w.namespace(), w.name());
      boolean suspend = !suspended.getOrDefault(key, false);
      int expected = suspend ? 1 : w.level();
      Gauge gauge = handle.registry().find("mlops.maturity.observed.level").tag("namespace", w.namespace()).tag("target", w.name()).gauge();
      long t0 = System.nanoTime();
      admin.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(w.namespace()).withName(w.cronWorkflow())
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
      suspended.put(key, suspend);
      long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
      long statusAt = 0;
      long metricAt = 0;
      long floorAt = 0;
      while (System.nanoTime() < deadline && (statusAt == 0 || metricAt == 0 || floorAt == 0)) {
        if (metricAt == 0 && gauge != null && gauge.value() == expected) {
          metricAt = System.nanoTime();
        }
        if (statusAt == 0) {
          statusAt = status.seenAt(key, expected, t0);
        }
        if (floorAt == 0) {
          floorAt = floor.seenAt(key, suspend, t0);
        }
        LockSupport.parkNanos(100_000);
      }
      if (statusAt == 0 || metricAt == 0 || floorAt == 0) {
        missed++;
      } else {
        statusNs.add(statusAt - t0);
        metricNs.add(metricAt - t0);
        floorNs.add(floorAt - t0);
      }
      Thread.sleep(10);
    }
    Stats s = Stats.ofNanos(statusNs);
    Stats m = Stats.ofNanos(metricNs);
    Stats f = Stats.ofNanos(floorNs);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples", statusNs.size());
    out.put("missed", missed);
    out.put("statusMs", s);
    out.put("metricMs", m);
    out.put("floorMs", f);
    out.put("statusP99OverFloorP99", s.p99() / f.p99());
    out.put("metricP99OverFloorP99", m.p99() / f.p99());
    out.put("statusP50OverFloorP50", s.p50() / f.p50());
    return out;
  }

  static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext CRON_WORKFLOWS =
      new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup(KindCatalogue.CRON_WORKFLOW.group())
          .withVersion(KindCatalogue.CRON_WORKFLOW.version()).withKind(KindCatalogue.CRON_WORKFLOW.kind()).withPlural(KindCatalogue.CRON_WORKFLOW.plural())
          .withNamespaced(true).build();

  static String key(String ns, String name) {
    return ns + "/" + name;
  }

  static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
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

  /** Watches MaturityTargets: the last observed level per target and when it was seen. */
  static final class StatusWatch implements AutoCloseable {
    private record Seen(Integer level, long at) {}

    private final Map<String, Integer> intended;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final SharedIndexInformer<MaturityTarget> informer;

    StatusWatch(KubernetesClient client, Map<String, Integer> intended) {
      this.intended = intended;
      this.informer = client.resources(MaturityTarget.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(MaturityTarget t) {
          record(t);
        }

        @Override
        public void onUpdate(MaturityTarget before, MaturityTarget t) {
          record(t);
        }

        @Override
        public void onDelete(MaturityTarget t, boolean unknown) {}
      });
    }

    private void record(MaturityTarget t) {
      Integer level = t.getStatus() == null ? null : t.getStatus().observedLevel;
      String key = key(t.getMetadata().getNamespace(), t.getMetadata().getName());
      long now = System.nanoTime();
      seen.compute(key, (k, old) -> old != null && Objects.equals(old.level(), level) ? old : new Seen(level, now));
    }

    int correct() {
      return (int) intended.entrySet().stream().filter(e -> {
        Seen s = seen.get(e.getKey());
        return s != null && e.getValue().equals(s.level());
      }).count();
    }

    List<String> wrong(int max) {
      return intended.entrySet().stream().filter(e -> {
        Seen s = seen.get(e.getKey());
        return s == null || !e.getValue().equals(s.level());
      }).limit(max).map(e -> e.getKey() + " want " + e.getValue() + " saw " + (seen.get(e.getKey()) == null ? null : seen.get(e.getKey()).level()))
          .toList();
    }

    boolean awaitAllCorrect(Duration timeout, Consumer<String> progress) throws InterruptedException {
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      long nextReport = start + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        if (correct() == intended.size()) {
          return true;
        }
        if (System.nanoTime() > nextReport) {
          nextReport += TimeUnit.SECONDS.toNanos(15);
          progress.accept(String.format("  %d of %d targets correct after %.0f s; e.g. %s", correct(), intended.size(),
              secondsSince(start), wrong(3)));
        }
        Thread.sleep(20);
      }
      return false;
    }

    long seenAt(String key, int level, long after) {
      Seen s = seen.get(key);
      return s != null && Objects.equals(s.level(), level) && s.at() >= after ? s.at() : 0;
    }

    @Override
    public void close() {
      informer.stop();
    }
  }

  /** The floor: a bare Fabric8 informer on CronWorkflows, recording when it sees each suspend flag. */
  static final class FloorWatch implements AutoCloseable {
    private record Seen(boolean suspended, long at) {}

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    FloorWatch(KubernetesClient client) {
      informer = client.genericKubernetesResources(CRON_WORKFLOWS).inAnyNamespace().inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(GenericKubernetesResource r) {
          record(r);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource r) {
          record(r);
        }

        @Override
        public void onDelete(GenericKubernetesResource r, boolean unknown) {}
      });
    }

    @SuppressWarnings("unchecked")
    private void record(GenericKubernetesResource r) {
      long now = System.nanoTime();
      Object spec = r.getAdditionalProperties().get("spec");
      boolean suspended = spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("suspend"));
      // the CronWorkflow is named after its workload: <name>-nightly
      String name = r.getMetadata().getName().replaceFirst("-nightly$", "");
      seen.compute(key(r.getMetadata().getNamespace(), name), (k, old) -> old != null && old.suspended() == suspended ? old : new Seen(suspended, now));
    }

    long seenAt(String key, boolean suspended, long after) {
      Seen s = seen.get(key);
      return s != null && s.suspended() == suspended && s.at() >= after ? s.at() : 0;
    }

    @Override
    public void close() {
      informer.stop();
    }
  }

}
