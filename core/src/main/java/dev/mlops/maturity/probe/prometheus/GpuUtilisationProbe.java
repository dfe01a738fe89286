package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.Sample;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code gpu-utilisation} (platform scope, PROBES.md b.25, Appendix B): the GPU-time-weighted average of
 * {@code DCGM_FI_DEV_GPU_UTIL} over the configured window, from the {@code default} Prometheus endpoint;
 * when that has no series (MIG instances do not report it), {@code 100 * DCGM_FI_PROF_GR_ENGINE_ACTIVE}.
 * Satisfied above the threshold, Missing at or below it (the message names the metric used), Unknown when
 * neither metric has a series (empty is not 0), the value is outside 0..100 % or Prometheus does not answer. {@link #measure} gives the operator the same value for
 * {@code platform_gpu_utilisation_ratio}.
 */
public final class GpuUtilisationProbe extends AbstractProbe {
  public static final String CAPABILITY = "gpu-utilisation";
  public static final String ENDPOINT = WorkloadTarget.DEFAULT_ENDPOINT;
  static final String UTIL = "DCGM_FI_DEV_GPU_UTIL";
  static final String PROFILING = "DCGM_FI_PROF_GR_ENGINE_ACTIVE";
  /** A ratio of exactly 1.0 times 100 may round a hair above 100. */
  private static final double PLAUSIBLE_SLACK = 1e-6;

  /** The measured platform utilisation in percent, which metric it came from and the query that gave it. */
  public record GpuUtilisation(double percent, String metric, String query) {
    public double ratio() {
      return percent / 100.0;
    }
  }

  public GpuUtilisationProbe() {
    super(CAPABILITY, Set.of());
  }

  public static String utilQuery(String window) {
    return "sum(sum_over_time(DCGM_FI_DEV_GPU_UTIL[" + window + "])) / sum(count_over_time(DCGM_FI_DEV_GPU_UTIL[" + window + "]))";
  }

  public static String profilingQuery(String window) {
    return "100 * sum(sum_over_time(DCGM_FI_PROF_GR_ENGINE_ACTIVE[" + window + "])) / sum(count_over_time(DCGM_FI_PROF_GR_ENGINE_ACTIVE["
        + window + "]))";
  }

  /**
   * The platform GPU utilisation: Ok with the value, NotFound when neither DCGM metric has a series in the
   * window, Failed when Prometheus did not answer or the value is outside 0..100 % (NaN, 1e300, -75: a broken
   * recording rule or exporter, never a level).
   */
  public static Answer<GpuUtilisation> measurement(PrometheusApi api, ProbeSettings settings) {
    String window = settings.promqlWindow();
    for (String[] q : new String[][] {{UTIL, utilQuery(window)}, {PROFILING, profilingQuery(window)}}) {
      Answer<List<Sample>> a = api.query(q[1]);
      if (a instanceof Answer.Failed<List<Sample>> f) {
        return Answer.failed(f.reason());
      }
      if (a instanceof Answer.Ok<List<Sample>> ok && !ok.value().isEmpty()) {
        double v = ok.value().get(0).value();
        if (!(v >= 0 && v <= 100 + PLAUSIBLE_SLACK)) {
          return Answer.failed("implausible value " + v + " for " + q[0] + " over " + window + " (expected 0..100 %)");
        }
        return Answer.ok(new GpuUtilisation(v, q[0], q[1]));
      }
    }
    return Answer.notFound("no DCGM series (" + UTIL + ", " + PROFILING + ") over " + window);
  }

  /** The platform GPU utilisation as a ratio 0..1 for the {@code platform_gpu_utilisation_ratio} gauge; empty when unknown. */
  public static OptionalDouble measure(PrometheusApi api, ProbeSettings settings) {
    return measurement(api, settings) instanceof Answer.Ok<GpuUtilisation> ok ? OptionalDouble.of(ok.value().ratio()) : OptionalDouble.empty();
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProbeSettings settings = ctx.settings();
    ProviderScan scan = new ProviderScan(CAPABILITY);
    PrometheusApi api = scan.read(ctx.external().prometheus(ENDPOINT));
    if (api == null) {
      return scan.verdict("", "");
    }
    Answer<GpuUtilisation> m = measurement(api, settings);
    GpuUtilisation u = scan.read(m instanceof Answer.NotFound<GpuUtilisation> nf ? Answer.failed(nf.what() + " in prometheus " + ENDPOINT) : m);
    if (u == null) {
      return scan.verdict("", "");
    }
    String source = UTIL.equals(u.metric()) ? " from " + UTIL : " from 100 x " + PROFILING + " (" + UTIL + " has no series, as on MIG instances)";
    String message = String.format(Locale.ROOT, "GPU utilisation %.1f%% over %s (threshold %s%%)", u.percent(), settings.promqlWindow(),
        plain(settings.gpuUtilisationPercent())) + source;
    String ref = "prometheus " + ENDPOINT + " query " + u.query();
    if (u.percent() > settings.gpuUtilisationPercent()) {
      scan.found(ref);
    } else {
      scan.refute(message, List.of(ref));
    }
    return scan.verdict(message, message);
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
