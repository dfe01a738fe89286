package dev.mlops.maturity.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The operator against the peer a user would pick: {@link AuditProcess} on a schedule, in the same
 * window as the running operator. The schedule runs scaled down: its period P is 1.5 times the first
 * run's duration. Changes (a CronWorkflow suspended: level 1) are made at seeded uniformly random
 * instants, one in every other period; a change is detected by the first run whose output shows it.
 * Detection at the real period N is projected from what was measured: the wait until that run
 * started, scaled by N/P, plus the run's own duration (which does not scale). Per-hour figures: the
 * audit's per run times 60/N runs an hour; the operator's over the window, at the window's change rate.
 */
final class ScheduledAudit {
  private ScheduledAudit() {}

  static Map<String, Object> run(ApiServer api, KubernetesClient admin, SyntheticCluster gen, StatusWatch status, Path projectRoot,
      Path workDir, int changes, Duration period, long seed, Consumer<String> progress) throws Exception {
    AuditProcess audit = new AuditProcess(api, projectRoot, workDir);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("command", String.join(" ", audit.command()).replace(System.getProperty("java.class.path"), "<bench classpath>"));
    out.put("periodMinutes", period.toSeconds() / 60.0);
    Duration runTimeout = Duration.ofMinutes(10);
    AuditProcess.Run first = audit.run(runTimeout);
    List<AuditProcess.Run> runs = new CopyOnWriteArrayList<>(List.of(first));
    Map<String, Integer> intended = new LinkedHashMap<>();
    gen.workloads().forEach(w -> intended.put(BenchRunner.key(w.namespace(), w.name()), w.level()));
    out.put("firstRunCorrectTargets", intended.entrySet().stream().filter(e -> e.getValue().equals(first.levels().get(e.getKey()))).count());
    out.put("firstRunExitCode", first.exitCode());
    long p = Math.max(TimeUnit.SECONDS.toNanos(1), (long) (1.5 * (first.endNs() - first.startNs())));
    out.put("scaledPeriodSeconds", p / 1e9);
    progress.accept(String.format("  scheduled audit: first run %.1f s, %.1f CPU-s, %,d bytes; schedule scaled to a %.1f s period",
        first.seconds(), first.cpuSeconds(), first.traffic().totalBytes(), p / 1e9));

    List<SyntheticCluster.Workload> candidates = new ArrayList<>(gen.workloads().stream().filter(w -> w.level() >= 2).toList());
    Random random = new Random(seed);
    Collections.shuffle(candidates, random);
    List<SyntheticCluster.Workload> changed = candidates.subList(0, Math.min(changes, candidates.size()));

    Traffic.Snapshot opBefore = api.traffic(BenchRunner.OPERATOR);
    CpuWindow cpu = CpuWindow.open();
    long epoch = System.nanoTime();
    long stopAt = epoch + (2L * changed.size() + 4) * p;
    long[] changeNs = new long[changed.size()];
    AtomicInteger made = new AtomicInteger();
    // the schedule stops once every change is made and seen (or at stopAt)
    BooleanSupplier done = () -> made.get() == changed.size() && allDetected(runs, changed, changeNs);
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread scheduler = new Thread(() -> {
      try {
        schedule(audit, runs, epoch, p, stopAt, done, runTimeout);
      } catch (Exception e) {
        failure.set(e);
      }
    }, "audit-schedule");
    scheduler.start();
    for (int i = 0; i < changed.size(); i++) {
      long at = epoch + (long) ((2 * i + random.nextDouble()) * p);
      sleepUntil(at);
      changeNs[i] = System.nanoTime();
      DetectionMeasurement.suspend(admin, changed.get(i), true);
      made.incrementAndGet();
    }
    scheduler.join();
    if (failure.get() != null) {
      throw new IllegalStateException("the scheduled audit failed: " + failure.get(), failure.get());
    }
    long windowNs = System.nanoTime() - epoch;
    double windowHours = windowNs / 3.6e12;
    Map<String, Object> cpuSplit = cpu.split();
    Traffic.Snapshot op = api.traffic(BenchRunner.OPERATOR).minus(opBefore);
    changed.forEach(w -> DetectionMeasurement.suspend(admin, w, false));

    List<Long> measured = new ArrayList<>();
    List<Long> projected = new ArrayList<>();
    List<Long> operatorNs = new ArrayList<>();
    int missed = 0;
    for (int i = 0; i < changed.size(); i++) {
      String key = BenchRunner.key(changed.get(i).namespace(), changed.get(i).name());
      AuditProcess.Run by = firstShowing(runs, key, changeNs[i]);
      long seen = status.seenAt(key, 1, changeNs[i]);
      if (by == null) {
        missed++;
        continue;
      }
      measured.add(by.endNs() - changeNs[i]);
      long wait = Math.max(0, by.startNs() - changeNs[i]);
      long reading = by.endNs() - Math.max(by.startNs(), changeNs[i]);
      projected.add((long) (wait * (period.toNanos() / (double) p)) + reading);
      if (seen > 0) {
        operatorNs.add(seen - changeNs[i]);
      }
    }
    List<AuditProcess.Run> all = List.copyOf(runs);
    double runsPerHour = 60.0 / (period.toSeconds() / 60.0);
    double bytesPerRun = all.stream().mapToLong(r -> r.traffic().totalBytes()).average().orElse(Double.NaN);
    double requestsPerRun = all.stream().mapToLong(r -> r.traffic().totalRequests()).average().orElse(Double.NaN);
    double cpuPerRun = all.stream().mapToDouble(AuditProcess.Run::cpuSeconds).average().orElse(Double.NaN);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("runs", all.size());
    a.put("runMs", Stats.ofNanos(all.stream().map(r -> r.endNs() - r.startNs()).toList()));
    a.put("cpuSecondsPerRun", cpuPerRun);
    a.put("requestsPerRun", requestsPerRun);
    a.put("bytesPerRun", bytesPerRun);
    a.put("largestResponseBytes", all.stream().mapToLong(r -> r.traffic().largestResponse()).max().orElse(0));
    a.put("requestsPerHour", requestsPerRun * runsPerHour);
    a.put("bytesPerHour", bytesPerRun * runsPerHour);
    a.put("cpuSecondsPerHour", cpuPerRun * runsPerHour);
    a.put("detectionMeasuredMs", Stats.ofNanos(measured));
    a.put("detectionMs", Stats.ofNanos(projected));
    a.put("missed", missed);
    out.put("audit", a);

    Map<String, Object> o = new LinkedHashMap<>();
    o.put("windowSeconds", windowNs / 1e9);
    o.put("changesPerHour", changed.size() / windowHours);
    o.put("requests", op.requests());
    o.put("bytes", op.bytes());
    o.put("requestsPerHour", op.totalRequests() / windowHours);
    o.put("bytesPerHour", op.totalBytes() / windowHours);
    o.put("jvmCpuSecondsPerHour", (double) cpuSplit.get("jvmCpuSeconds") / windowHours);
    o.put("apiServerCpuSecondsPerHour", (double) cpuSplit.get("apiServerCpuSeconds") / windowHours);
    o.put("cpuSecondsPerHour", (double) cpuSplit.get("otherCpuSeconds") / windowHours);
    o.put("detectionMs", Stats.ofNanos(operatorNs));
    out.put("operator", o);

    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("requests", (double) a.get("requestsPerHour") / (double) o.get("requestsPerHour"));
    ratio.put("bytes", (double) a.get("bytesPerHour") / (double) o.get("bytesPerHour"));
    ratio.put("cpu", (double) a.get("cpuSecondsPerHour") / (double) o.get("cpuSecondsPerHour"));
    ratio.put("detectionMean", Stats.ofNanos(projected).mean() / Stats.ofNanos(operatorNs).mean());
    out.put("auditOverOperator", ratio);
    out.put("note", "audit: per run x 60/N runs an hour, detection projected to period N from a schedule scaled to scaledPeriodSeconds;"
        + " operator: measured over the window at its change rate; operator CPU is the bench JVM's minus the in-process API server's"
        + " threads (jvmCpuSecondsPerHour - apiServerCpuSecondsPerHour): the JVM's GC and JIT, which also serve the API server, stay on"
        + " the operator's side, so the CPU ratio is a lower bound");
    progress.accept(String.format("  audit every %.0f min vs operator: bytes %.0fx, requests %.0fx, CPU %.1fx, detection %.0fx",
        period.toSeconds() / 60.0, ratio.get("bytes"), ratio.get("requests"), ratio.get("cpu"), ratio.get("detectionMean")));
    return out;
  }

  /** Runs at every period tick, never two at once: a run that overruns its period skips the ticks it covered (a CronJob's Forbid). */
  private static void schedule(AuditProcess audit, List<AuditProcess.Run> runs, long epoch, long period, long stopAt, BooleanSupplier done,
      Duration timeout) throws Exception {
    for (long k = 1; System.nanoTime() < stopAt && !done.getAsBoolean(); k++) {
      long tick = epoch + k * period;
      if (System.nanoTime() > tick) {
        continue;
      }
      sleepUntil(tick);
      runs.add(audit.run(timeout));
    }
  }

  private static boolean allDetected(List<AuditProcess.Run> runs, List<SyntheticCluster.Workload> changed, long[] changeNs) {
    for (int i = 0; i < changed.size(); i++) {
      if (firstShowing(runs, BenchRunner.key(changed.get(i).namespace(), changed.get(i).name()), changeNs[i]) == null) {
        return false;
      }
    }
    return true;
  }

  /** The first run that ended after the change and printed level 1 for the target. */
  private static AuditProcess.Run firstShowing(List<AuditProcess.Run> runs, String key, long changeNs) {
    return runs.stream().filter(r -> r.endNs() > changeNs && Integer.valueOf(1).equals(r.levels().get(key))).findFirst().orElse(null);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }
}
