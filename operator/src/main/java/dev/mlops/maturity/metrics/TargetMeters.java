package dev.mlops.maturity.metrics;

import dev.mlops.maturity.evaluation.ExceptionDecision;
import dev.mlops.maturity.evaluation.ExceptionEffect;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** The series of one target under one model (see {@link MaturityMetrics}). */
final class TargetMeters {
  private static final String PREFIX = MaturityMetrics.PREFIX;

  private final MeterRegistry registry;
  final String model;
  final Tags tags;
  final Tags targetTags;
  final AtomicReference<Double> observed = new AtomicReference<>();
  final AtomicReference<Double> proven = new AtomicReference<>();
  final AtomicReference<Double> target = new AtomicReference<>();
  final AtomicReference<Double> met = new AtomicReference<>();
  final AtomicReference<Double> gap = new AtomicReference<>();
  final AtomicReference<Double> lastEvaluation = new AtomicReference<>();
  final AtomicReference<Double> degraded = new AtomicReference<>();
  final AtomicReference<Double> violations = new AtomicReference<>();
  final Map<String, AtomicReference<Double>> capabilities = new HashMap<>();
  final Map<String, Meter> capabilityMeters = new HashMap<>();
  final Map<List<String>, AtomicReference<Double>> expiries = new HashMap<>();
  final Map<List<String>, Meter> expiryMeters = new HashMap<>();
  final List<Meter> meters = new ArrayList<>();
  final Counter regressions;

  TargetMeters(MeterRegistry registry, MaturityMetrics.TargetKey key, String model) {
    this.registry = registry;
    this.model = model;
    this.tags = Tags.of("namespace", key.namespace(), "target", key.name(), "model", model);
    gauge("observed.level", "Observed maturity level", observed, tags);
    gauge("proven.level", "Level observed evidence alone proves (no waiver, notApplicable or declared entry)", proven, tags);
    gauge("target.level", "Target maturity level", target, tags);
    gauge("target.met", "1 when the observed level meets the target", met, tags);
    gauge("level.gap", "Levels between observed and target (0 when met)", gap, tags);
    this.targetTags = Tags.of("namespace", key.namespace(), "target", key.name());
    gauge("last.evaluation.timestamp.seconds", "Unix time of the last evaluation", lastEvaluation, targetTags);
    gauge("degraded", "1 while the Degraded condition is True (probes could not run, the level is held)", degraded, targetTags);
    gauge("policy.violations", "Self-declared entries the policy refuses (PolicyCompliant=False while above 0)", violations, targetTags);
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

  /**
   * One {@code exception_expiry_timestamp_seconds} series per held waiver/notApplicable entry with an expiry:
   * the moment it stops holding (the day after its last day, 00:00 UTC). {@code exception} is the
   * MaturityException's name, or "spec" for an entry the policy accepts without approval.
   */
  void exceptionExpiries(List<ExceptionDecision> decisions) {
    Set<List<String>> keep = new HashSet<>();
    for (ExceptionDecision d : decisions) {
      if (d.effect() != ExceptionEffect.Held || d.expires() == null) {
        continue;
      }
      List<String> key = List.of(d.capability(), d.kind().wire(), d.exception() == null ? "spec" : d.exception());
      keep.add(key);
      double end = LocalDate.parse(d.expires()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      expiries.computeIfAbsent(key, k -> {
        AtomicReference<Double> v = new AtomicReference<>();
        expiryMeters.put(k, Gauge.builder(PREFIX + "exception.expiry.timestamp.seconds", v, MaturityMetrics::value)
            .description("Unix time at which a waiver or notApplicable entry that holds stops holding")
            .tags(targetTags.and("capability", k.get(0)).and("kind", k.get(1)).and("exception", k.get(2)))
            .strongReference(true).register(registry));
        return v;
      }).set(end);
    }
    for (List<String> key : List.copyOf(expiries.keySet())) {
      if (!keep.contains(key)) {
        expiries.remove(key);
        registry.remove(expiryMeters.remove(key));
      }
    }
  }

  void removeFrom(MeterRegistry r) {
    meters.forEach(r::remove);
    capabilityMeters.values().forEach(r::remove);
    expiryMeters.values().forEach(r::remove);
  }
}
