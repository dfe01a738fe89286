package dev.mlops.maturity.bench;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ModelSource;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs every measurement of one scale against a fresh in-process API server, in order: the scenario
 * ({@link ScenarioPopulation}), the naive baseline ({@link NaiveBaseline}), the operator's convergence,
 * idle load, memory and evaluation ({@link CacheMeasurements}), detection ({@link DetectionMeasurement}),
 * the scheduled audit in the same window as the operator ({@link ScheduledAudit}), a restart
 * ({@link OperatorRun#restart}), then the cache's own size and an unpaged initial sync; see {@link Bench}.
 */
public final class BenchRunner {
  /** The operator's client identity at the API server (its bearer token). */
  static final String OPERATOR = "operator";

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

    try (ApiServer api = ApiServer.start(); KubernetesClient admin = api.newClient("admin")) {
      ScenarioPopulation.populate(admin, gen, settings.projectRoot());
      out.put("populateSeconds", secondsSince(t));
      ModelSource catalog = ScenarioPopulation.benchModels();
      Clock clock = Clock.systemUTC();
      TargetAssessor assessor = new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), ProbeSettings.DEFAULTS, clock), clock);
      List<MaturityTarget> targets = gen.targets().stream()
          .map(g -> Serialization.jsonMapper().convertValue(g, MaturityTarget.class)).toList();
      Map<String, Integer> intended = new LinkedHashMap<>();
      gen.workloads().forEach(w -> intended.put(key(w.namespace(), w.name()), w.level()));

      Map<String, Object> naive = NaiveBaseline.run(api, admin, assessor, catalog, targets, intended, settings.naiveBudget(),
          settings.reconcileThreads());
      out.put("naive", naive);
      progress.accept(String.format("  naive baseline: %s of %d targets assessed in %.1f s, %s at the intended level",
          naive.get("targetsAssessed"), targetCount, (double) naive.get("measuredSeconds"), naive.get("correctTargets")));
      if (naive.get("firstMismatch") != null) {
        progress.accept("  naive mismatch: " + naive.get("firstMismatch"));
      }

      // each watch on its own client (own connection and event loop), as a separate process would have
      try (KubernetesClient statusClient = api.newClient("bench-status"); KubernetesClient floorClient = api.newClient("bench-floor");
          StatusWatch status = new StatusWatch(statusClient, intended); FloorWatch floor = new FloorWatch(floorClient)) {
        long baseline = CacheMeasurements.settledHeap();
        Map<String, Long> beforeStart = api.counts();
        CpuWindow cpu = CpuWindow.open();
        long start = System.nanoTime();
        OperatorRun operator = OperatorRun.start(api, OPERATOR);
        try {
          double started = secondsSince(start);
          Map<String, Object> startupCpu = cpu.split();
          boolean converged = status.awaitAllCorrect(settings.convergenceTimeout(), progress);
          double convergence = secondsSince(start);
          Map<String, Object> conv = new LinkedHashMap<>();
          conv.put("seconds", convergence);
          conv.put("startupSeconds", started);
          conv.put("startupCpu", startupCpu);
          conv.put("cpu", cpu.split());
          conv.put("converged", converged);
          conv.put("correctTargets", status.correct());
          conv.put("wrongTargets", status.wrong(5));
          conv.put("requests", ApiServer.diff(api.counts(), beforeStart));
          Traffic.Snapshot sync = api.traffic(OPERATOR);
          conv.put("operatorBytes", sync.totalBytes());
          conv.put("largestResponseBytes", sync.largestResponse());
          out.put("convergence", conv);
          double naiveSeconds = (double) naive.get("extrapolatedSeconds");
          out.put("convergenceSpeedup", naiveSeconds / convergence);
          progress.accept(String.format("  operator converged=%s in %.1f s (naive %.1f s); largest response %,d bytes", converged, convergence,
              naiveSeconds, sync.largestResponse()));

          Thread.sleep(2000); // let the last Events and status patches land
          out.put("idle", idle(api));
          CacheMeasurements.awaitCached(operator.handle.cluster(), CacheMeasurements.expectedCached(gen));
          out.put("memory", CacheMeasurements.memory(operator.handle, baseline, targetCount, true));
          out.put("evaluation", CacheMeasurements.evaluation(operator.handle.cluster(), assessor, catalog, targets));
          out.put("detection", DetectionMeasurement.run(admin, operator.handle, gen, status, floor, settings.latencySamples()));
          status.awaitAllCorrect(Duration.ofMinutes(1), progress);
          if (scale <= settings.auditMaxScale()) {
            Path work = Files.createTempDirectory("bench-audit");
            out.put("peer", ScheduledAudit.run(api, admin, gen, status, settings.projectRoot(), work, settings.auditChanges(),
                settings.auditPeriod(), 15L + targetCount, progress));
            status.awaitAllCorrect(Duration.ofMinutes(1), progress);
          } else {
            out.put("peer", Map.of("skipped", String.format(Locale.ROOT, "scale %s is above --audit-max-scale %s: the in-process API"
                + " server scans its whole store per collection LIST, so an audit run here would measure that scan", scale,
                settings.auditMaxScale())));
            progress.accept("  scheduled audit: skipped above --audit-max-scale " + settings.auditMaxScale());
          }
        } catch (Exception | Error e) {
          operator.close();
          throw e;
        }
        Map<String, Object> restart = OperatorRun.restart(api, operator, intended, settings.convergenceTimeout(), Duration.ofSeconds(3));
        out.put("restart", restart);
        progress.accept(String.format("  restart: all targets evaluated after %.1f s, %s status writes", restart.get("secondsToAllEvaluated"),
            restart.get("statusWrites")));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> mem = (Map<String, Object>) out.get("memory");
      long expected = CacheMeasurements.expectedCached(gen);
      for (boolean prune : new boolean[] {true, false}) {
        mem.put(prune ? "cachePruned" : "cacheUnpruned", CacheMeasurements.cachedObjectsMemory(api, prune, expected, progress));
      }
      mem.put("bytesPerCachedObject", ((Map<String, Object>) mem.get("cachePruned")).get("bytesPerObject"));
      mem.put("unprunedBytesPerCachedObject", ((Map<String, Object>) mem.get("cacheUnpruned")).get("bytesPerObject"));
      progress.accept(String.format("  cache: %.0f B/object pruned, %.0f B/object unpruned", mem.get("bytesPerCachedObject"),
          mem.get("unprunedBytesPerCachedObject")));
      Map<String, Object> listing = new LinkedHashMap<>();
      listing.put("pageSize", dev.mlops.maturity.cluster.CacheOptions.LIST_PAGE_SIZE);
      listing.put("largestResponseBytesPaged", ((Map<?, ?>) out.get("convergence")).get("largestResponseBytes"));
      Map<String, Object> unpaged = CacheMeasurements.unpagedSync(api, expected);
      listing.put("unpaged", unpaged);
      listing.put("largestResponseBytesUnpaged", unpaged.get("largestResponseBytes"));
      out.put("initialSync", listing);
      progress.accept(String.format("  largest response: %,d bytes paged, %,d unpaged", listing.get("largestResponseBytesPaged"),
          listing.get("largestResponseBytesUnpaged")));
    }
    out.put("totalSeconds", secondsSince(t));
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

  static String key(String ns, String name) {
    return ns + "/" + name;
  }

  static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
