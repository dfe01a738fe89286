package dev.mlops.maturity.helm;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names the operator exports (ARCHITECTURE.md section 4), in one place: alerts and dashboards
 * may name only these. To be replaced by a scrape of the operator's real registry.
 */
final class ExportedMetrics {
  static final Set<String> GAUGES_AND_COUNTERS = Set.of(
      "mlops_maturity_observed_level",
      "mlops_maturity_target_level",
      "mlops_maturity_target_met",
      "mlops_maturity_level_gap",
      "mlops_maturity_capability_satisfied",
      "mlops_maturity_level_regressions_total",
      "mlops_maturity_probe_errors_total",
      "mlops_maturity_last_evaluation_timestamp_seconds",
      "mlops_maturity_platform_gpu_utilisation_ratio",
      "mlops_maturity_degraded");
  static final Set<String> HISTOGRAMS = Set.of("mlops_maturity_evaluation_duration_seconds");
  /** Series Prometheus itself writes for every scrape target. */
  static final Set<String> SCRAPE_SERIES = Set.of("up");

  private ExportedMetrics() {}

  /** Every series name a query may select: histograms as _bucket, _count and _sum. */
  static Set<String> queryable() {
    Set<String> names = new LinkedHashSet<>(GAUGES_AND_COUNTERS);
    for (String h : HISTOGRAMS) {
      names.add(h + "_bucket");
      names.add(h + "_count");
      names.add(h + "_sum");
    }
    names.addAll(SCRAPE_SERIES);
    return names;
  }
}
