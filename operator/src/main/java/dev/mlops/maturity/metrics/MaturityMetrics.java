package dev.mlops.maturity.metrics;

import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator's own series (ARCHITECTURE.md section 4), prefix mlops_maturity_, labels bounded to
 * namespace, target, model, capability and probe. Driven from the status transition; a deleted
 * target's series are removed so they vanish at the next scrape.
 *
 * <ul>
 *   <li>per target, from its first evaluation: {@code observed_level}, {@code target_level},
 *       {@code target_met}, {@code level_gap}, {@code level_regressions_total} (0 until a real
 *       regression), {@code degraded} (1 while the Degraded condition is True), {@code capability_satisfied}
 *       per decided capability and {@code last_evaluation_timestamp_seconds};
 *   <li>{@code probe_errors_total{probe}}: one series per probe of the ProbeSet, at 0 from the start so
 *       {@code increase()} sees the first error (see {@link #probeErrors});
 *   <li>{@code platform_gpu_utilisation_ratio}: present only while the platform GPU utilisation is known;
 *   <li>{@code promotions_total{namespace,target}}: promotions recorded in the target's MaturityLedger (issue 16);
 *   <li>{@code evaluation_duration_seconds} histogram.
 * </ul>
 */
public final class MaturityMetrics {
  static final String PREFIX = "mlops.maturity.";

  private final MeterRegistry registry;
  private final Map<TargetKey, TargetMeters> targets = new ConcurrentHashMap<>();
  private final Map<String, Counter> probeErrors = new ConcurrentHashMap<>();
  private final Map<TargetKey, Counter> promotions = new ConcurrentHashMap<>();
  /** The probe names that may be counted (bounded cardinality); empty when no ProbeSet was given. */
  private final Set<String> probes;
  private final Timer evaluationDuration;
  private final AtomicReference<Double> gpuUtilisation = new AtomicReference<>();
  private Gauge gpuGauge;

  /** Without a ProbeSet: probe error counters appear on their first error. */
  public MaturityMetrics(MeterRegistry registry) {
    this(registry, List.of());
  }

  /** With the operator's probes: one {@code probe_errors_total} series per probe, at 0 from the start. */
  public MaturityMetrics(MeterRegistry registry, ProbeSet probes) {
    this(registry, probes.all().stream().map(Probe::capability).toList());
  }

  /**
   * @param probes the probe names (one probe per capability, named after it); their error counters are
   *     registered at 0 now, and errors of any other name are not counted
   */
  public MaturityMetrics(MeterRegistry registry, Collection<String> probes) {
    this.registry = registry;
    this.probes = Set.copyOf(probes);
    this.probes.forEach(this::probeErrorCounter);
    this.evaluationDuration = Timer.builder(PREFIX + "evaluation.duration")
        .description("Time to evaluate one MaturityTarget")
        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public Timer evaluationDuration() {
    return evaluationDuration;
  }

  /** Publishes one evaluation: level gauges, one capability gauge per decided capability, freshness. */
  public void evaluated(String namespace, String target, LevelOutcome a, Instant at) {
    evaluated(namespace, target, a, a.degraded(), at);
  }

  /**
   * Publishes one evaluation: level gauges, {@code degraded} (1 when the Degraded condition of the
   * written status is True, else 0), one capability gauge per decided capability, freshness.
   */
  public void evaluated(String namespace, String target, LevelOutcome a, boolean degraded, Instant at) {
    TargetKey key = new TargetKey(namespace, target);
    TargetMeters meters = targets.compute(key, (k, existing) -> {
      if (existing != null && existing.model.equals(a.model().id())) {
        return existing;
      }
      if (existing != null) {
        existing.removeFrom(registry);
      }
      return new TargetMeters(registry, k, a.model().id());
    });
    synchronized (meters) {
      meters.observed.set((double) a.observedLevel());
      meters.target.set((double) a.targetLevel());
      meters.met.set(a.targetMet() ? 1.0 : 0.0);
      meters.gap.set((double) Math.max(0, a.targetLevel() - a.observedLevel()));
      meters.lastEvaluation.set(at.toEpochMilli() / 1000.0);
      meters.degraded.set(degraded ? 1.0 : 0.0);
      Set<String> decided = new HashSet<>();
      for (CapabilityResult c : a.capabilities()) {
        CapabilityState state = c.evidence().state();
        if (state == CapabilityState.Unknown) {
          continue;
        }
        decided.add(c.id());
        meters.capability(c.id()).set(state.holds() ? 1.0 : 0.0);
      }
      meters.dropCapabilitiesExcept(decided);
      meters.proven.set((double) a.provenLevel());
      meters.violations.set((double) a.governance().violations().size());
      meters.exceptionExpiries(a.governance().decisions());
    }
  }

  /** An evaluation of the target failed: {@code degraded} is 1 until the next successful evaluation (no series is created). */
  public void failed(String namespace, String target) {
    TargetMeters meters = targets.get(new TargetKey(namespace, target));
    if (meters != null) {
      meters.degraded.set(1.0);
    }
  }

  /** Counts a real regression (never a drop explained only by Unknown evidence). */
  public void regressed(String namespace, String target, String model) {
    TargetMeters meters = targets.computeIfAbsent(new TargetKey(namespace, target), k -> new TargetMeters(registry, k, model));
    meters.regressions.increment();
  }

  /**
   * Counts the probe errors of one target evaluation: one increment of {@code probe_errors_total{probe}}
   * for each capability whose observed evidence was Unknown (the probe could not decide: a read failed
   * or was forbidden, the provider's CRD is not installed, an endpoint did not answer, the probe threw).
   * Capabilities the target waived, declared or marked not applicable do not count (their evidence is
   * not Unknown after the policy), nor do capabilities without a probe, nor Unknown evidence whose reason is
   * NotConfigured (the integration is simply not configured: nothing is failing). A platform-scope probe is run
   * once per cycle but counts once per target evaluation that uses its Unknown evidence.
   */
  public void probeErrors(LevelOutcome a) {
    for (CapabilityResult c : a.capabilities()) {
      Evidence e = c.evidence();
      if (e.failed() && e.source() == Source.OBSERVED) {
        probeError(c.id());
      }
    }
  }

  /**
   * One evaluation in which a probe could not run (its verdict is Unknown). With a ProbeSet, names
   * outside it are ignored so the label stays bounded.
   */
  public void probeError(String probe) {
    if (!probes.isEmpty() && !probes.contains(probe)) {
      return;
    }
    probeErrorCounter(probe).increment();
  }

  private Counter probeErrorCounter(String probe) {
    return probeErrors.computeIfAbsent(probe, p -> Counter.builder(PREFIX + "probe.errors")
        .description("Target evaluations in which a probe could not decide its capability (Unknown evidence)")
        .tag("probe", p).register(registry));
  }

  /**
   * The platform's average GPU utilisation over the configured window, 0..1; empty when it is not
   * known (no Prometheus answer, no DCGM series), which removes the series instead of reporting 0.
   */
  public synchronized void gpuUtilisation(OptionalDouble ratio) {
    if (ratio.isEmpty()) {
      gpuUtilisation.set(null);
      if (gpuGauge != null) {
        registry.remove(gpuGauge);
        gpuGauge = null;
      }
      return;
    }
    gpuUtilisation.set(ratio.getAsDouble());
    if (gpuGauge == null) {
      gpuGauge = Gauge.builder(PREFIX + "platform.gpu.utilisation.ratio", gpuUtilisation, MaturityMetrics::value)
          .description("Average GPU utilisation across the platform (0..1)").strongReference(true).register(registry);
    }
  }

  /** The platform's average GPU utilisation over the configured window, 0..1. */
  public void gpuUtilisation(double ratio) {
    gpuUtilisation(OptionalDouble.of(ratio));
  }

  /** One promotion recorded in the target's ledger. */
  public void promoted(String namespace, String target) {
    promotionCounter(namespace, target).increment();
  }

  /** The target's promotion counter, at 0 from its first evaluation so {@code increase()} sees the first promotion. */
  public Counter promotionCounter(String namespace, String target) {
    return promotions.computeIfAbsent(new TargetKey(namespace, target), k -> Counter.builder(PREFIX + "promotions")
        .description("Promotions of the target's registered model recorded in its MaturityLedger")
        .tags("namespace", k.namespace(), "target", k.name()).register(registry));
  }

  /** Removes every series of a deleted target. */
  public void removed(String namespace, String target) {
    Counter promoted = promotions.remove(new TargetKey(namespace, target));
    if (promoted != null) {
      registry.remove(promoted);
    }
    TargetMeters meters = targets.remove(new TargetKey(namespace, target));
    if (meters != null) {
      meters.removeFrom(registry);
    }
  }

  static double value(AtomicReference<Double> ref) {
    Double v = ref.get();
    return v == null ? Double.NaN : v;
  }

  record TargetKey(String namespace, String name) {}
}
