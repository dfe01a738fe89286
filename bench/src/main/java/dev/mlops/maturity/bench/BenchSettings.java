package dev.mlops.maturity.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the benchmark runs.
 *
 * @param targets MaturityTargets at scale 1
 * @param objects cluster objects at scale 1 (targets not counted)
 * @param scales multipliers of the default size, each run in turn
 * @param latencySamples CronWorkflow suspend/resume changes timed per scale
 * @param idle how long API requests are counted while idle after convergence
 * @param naiveBudget how long the naive baseline runs before its total is extrapolated
 * @param projectRoot where crds/ is (and cli/target/mlops-maturity-operator.jar, the scheduled audit's jar)
 * @param auditChanges changes the scheduled audit must detect per scale (each takes about two scaled periods)
 * @param auditPeriod the scheduled audit's period N that its per-hour figures and detection are given for
 * @param auditMaxScale the largest scale the scheduled audit runs at: the in-process API server answers a collection
 *     LIST by scanning its whole store, so at 10x one audit run (about 21,000 namespaced LISTs over 200,000 objects)
 *     would take over an hour and measure that scan, which a real API server does not make, rather than the audit
 */
public record BenchSettings(int targets, int objects, List<Double> scales, int latencySamples, Duration idle, Duration naiveBudget,
    Duration convergenceTimeout, int reconcileThreads, Path projectRoot, int auditChanges, Duration auditPeriod,
    double auditMaxScale) {
  public static final Duration AUDIT_PERIOD = Duration.ofMinutes(5);
  public static final double AUDIT_MAX_SCALE = 2.0;

  public BenchSettings(int targets, int objects, List<Double> scales, int latencySamples, Duration idle, Duration naiveBudget,
      Duration convergenceTimeout, int reconcileThreads, Path projectRoot) {
    this(targets, objects, scales, latencySamples, idle, naiveBudget, convergenceTimeout, reconcileThreads, projectRoot, 2, AUDIT_PERIOD, AUDIT_MAX_SCALE);
  }

  public static BenchSettings defaults() {
    return new BenchSettings(1000, 20000, List.of(0.25, 0.5, 1.0, 2.0), 200, Duration.ofSeconds(30), Duration.ofSeconds(20),
        Duration.ofMinutes(10), 5, Path.of("."), 10, AUDIT_PERIOD, AUDIT_MAX_SCALE);
  }

  /** A CI-sized run: one small scale, few samples, short idle window. */
  public static BenchSettings quick() {
    return new BenchSettings(100, 2000, List.of(1.0), 30, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(2), 5,
        Path.of("."), 2, AUDIT_PERIOD, AUDIT_MAX_SCALE);
  }
}
