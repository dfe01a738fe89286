package dev.mlops.maturity.metrics;

import dev.mlops.maturity.evaluation.Assessment;
import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evidence.CapabilityState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator's own series (ARCHITECTURE.md section 4), prefix mlops_maturity_, labels bounded to
 * namespace, target, model, capability and probe. Driven from the status transition; a deleted
 * target's series are removed so they vanish at the next scrape.
 */
public final class MaturityMetrics {
  static final String PREFIX = "mlops.maturity.";

  private final MeterRegistry registry;
  private final Map<TargetKey, TargetMeters> targets = new ConcurrentHashMap<>();
  private final Map<String, Counter> probeErrors = new ConcurrentHashMap<>();
  private final Timer evaluationDuration;
  private final AtomicReference<Double> gpuUtilisation = new AtomicReference<>();
  private volatile Gauge gpuGauge;

  public MaturityMetrics(MeterRegistry registry) {
    this.registry = registry;
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
  public void evaluated(String namespace, String target, Assessment a, Instant at) {
    TargetKey key = new TargetKey(namespace, target);
    TargetMeters meters = targets.compute(key, (k, existing) -> {
      if (existing != null && existing.model.equals(a.model().id())) {
        return existing;
      }
      if (existing != null) {
        existing.removeFrom(registry);
      }
      return new TargetMeters(k, a.model().id());
    });
    synchronized (meters) {
      meters.observed.set((double) a.observedLevel());
      meters.target.set((double) a.targetLevel());
      meters.met.set(a.targetMet() ? 1.0 : 0.0);
      meters.gap.set((double) Math.max(0, a.targetLevel() - a.observedLevel()));
      meters.lastEvaluation.set(at.toEpochMilli() / 1000.0);
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
    }
  }

  /** Counts a real regression (never a drop explained only by Unknown evidence). */
  public void regressed(String namespace, String target, String model) {
    TargetMeters meters = targets.computeIfAbsent(new TargetKey(namespace, target), k -> new TargetMeters(k, model));
    meters.regressions.increment();
  }

  /** One probe could not run (its verdict is Unknown). */
  public void probeError(String probe) {
    probeErrors.computeIfAbsent(probe, p -> Counter.builder(PREFIX + "probe.errors")
        .description("Evaluations in which a probe could not run (Unknown evidence)")
        .tag("probe", p).register(registry)).increment();
  }

  /** The platform's average GPU utilisation over the configured window, 0..1. */
  public void gpuUtilisation(double ratio) {
    gpuUtilisation.set(ratio);
    if (gpuGauge == null) {
      synchronized (this) {
        if (gpuGauge == null) {
          gpuGauge = Gauge.builder(PREFIX + "platform.gpu.utilisation.ratio", gpuUtilisation, r -> value(r))
              .description("Average GPU utilisation across the platform (0..1)").strongReference(true).register(registry);
        }
      }
    }
  }

  /** Removes every series of a deleted target. */
  public void removed(String namespace, String target) {
    TargetMeters meters = targets.remove(new TargetKey(namespace, target));
    if (meters != null) {
      meters.removeFrom(registry);
    }
  }

  private static double value(AtomicReference<Double> ref) {
    Double v = ref.get();
    return v == null ? Double.NaN : v;
  }

  private record TargetKey(String namespace, String name) {}

  /** The series of one target under one model. */
  private final class TargetMeters {
    final String model;
    final Tags tags;
    final AtomicReference<Double> observed = new AtomicReference<>();
    final AtomicReference<Double> target = new AtomicReference<>();
    final AtomicReference<Double> met = new AtomicReference<>();
    final AtomicReference<Double> gap = new AtomicReference<>();
    final AtomicReference<Double> lastEvaluation = new AtomicReference<>();
    final Map<String, AtomicReference<Double>> capabilities = new HashMap<>();
    final Map<String, Meter> capabilityMeters = new HashMap<>();
    final List<Meter> meters = new ArrayList<>();
    final Counter regressions;

    TargetMeters(TargetKey key, String model) {
      this.model = model;
      this.tags = Tags.of("namespace", key.namespace(), "target", key.name(), "model", model);
      gauge("observed.level", "Observed maturity level", observed, tags);
      gauge("target.level", "Target maturity level", target, tags);
      gauge("target.met", "1 when the observed level meets the target", met, tags);
      gauge("level.gap", "Levels between observed and target (0 when met)", gap, tags);
      gauge("last.evaluation.timestamp.seconds", "Unix time of the last evaluation", lastEvaluation,
          Tags.of("namespace", key.namespace(), "target", key.name()));
      regressions = Counter.builder(PREFIX + "level.regressions").description("Real level regressions (a required capability went Missing)")
          .tags(tags).register(registry);
      meters.add(regressions);
    }

    private Meter gauge(String name, String help, AtomicReference<Double> value, Tags t) {
      Meter m = Gauge.builder(PREFIX + name, value, MaturityMetrics::value).description(help).tags(t).strongReference(true).register(registry);
      meters.add(m);
      return m;
    }

    AtomicReference<Double> capability(String id) {
      return capabilities.computeIfAbsent(id, c -> {
        AtomicReference<Double> v = new AtomicReference<>();
        Meter m = Gauge.builder(PREFIX + "capability.satisfied", v, MaturityMetrics::value)
            .description("1 when the capability holds (satisfied, waived, not applicable), 0 when missing; absent when unknown")
            .tags(tags.and("capability", c)).strongReference(true).register(registry);
        capabilityMeters.put(c, m);
        return v;
      });
    }

    void dropCapabilitiesExcept(Set<String> keep) {
      for (String id : List.copyOf(capabilities.keySet())) {
        if (!keep.contains(id)) {
          capabilities.remove(id);
          registry.remove(capabilityMeters.remove(id));
        }
      }
    }

    void removeFrom(MeterRegistry r) {
      meters.forEach(r::remove);
      capabilityMeters.values().forEach(r::remove);
    }
  }
}
