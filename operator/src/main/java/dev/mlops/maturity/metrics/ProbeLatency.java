package dev.mlops.maturity.metrics;

import dev.mlops.maturity.probe.ProbeTimings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code mlops_maturity_probe_duration_seconds{family}}: a histogram of probe run times per probe family (a
 * handful of label values), so a slow family (an MLflow that answers slowly, a huge cluster-wide LIST) shows.
 */
public final class ProbeLatency implements ProbeTimings {
  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public ProbeLatency(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void observe(String family, Duration elapsed) {
    timers.computeIfAbsent(family, f -> Timer.builder(MaturityMetrics.PREFIX + "probe.duration")
        .description("Time to run one probe, by probe family")
        .tag("family", f)
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30))
        .register(registry)).record(elapsed);
  }
}
