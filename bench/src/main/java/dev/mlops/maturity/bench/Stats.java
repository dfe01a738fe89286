package dev.mlops.maturity.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a sample, in milliseconds. */
public record Stats(int count, double p50, double p99, double max, double mean) {
  public static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static Stats ofNanos(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return EMPTY;
    }
    double[] ms = nanos.stream().mapToDouble(n -> n / 1e6).toArray();
    Arrays.sort(ms);
    return new Stats(ms.length, percentile(ms, 0.50), percentile(ms, 0.99), ms[ms.length - 1], Arrays.stream(ms).average().orElse(0));
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
