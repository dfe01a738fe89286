package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
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
 * Satisfied above the threshold, Missing at or below it, Unknown when neither metric has a series (empty is
 * not 0) or Prometheus does not answer. {@link #measure} gives the operator the same value for
 * {@code platform_gpu_utilisation_ratio}.
 */
public final class GpuUtilisationProbe extends AbstractProbe {
  public static final String CAPABILITY = "gpu-utilisation";
  public static final String ENDPOINT = WorkloadTarget.DEFAULT_ENDPOINT;

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
   * window, Failed when Prometheus did not answer.
   */
  public static Answer<GpuUtilisation> measurement(PrometheusApi api, ProbeSettings settings) {
    String window = settings.promqlWindow();
    for (String[] q : new String[][] {{"DCGM_FI_DEV_GPU_UTIL", utilQuery(window)}, {"DCGM_FI_PROF_GR_ENGINE_ACTIVE", profilingQuery(window)}}) {
      Answer<List<Sample>> a = api.query(q[1]);
      if (a instanceof Answer.Failed<List<Sample>> f) {
        return Answer.failed(f.reason());
      }
      if (a instanceof Answer.Ok<List<Sample>> ok) {
        OptionalDouble v = ok.value().stream().mapToDouble(Sample::value).filter(Double::isFinite).findFirst();
        if (v.isPresent()) {
          return Answer.ok(new GpuUtilisation(v.getAsDouble(), q[0], q[1]));
        }
      }
    }
    return Answer.notFound("no DCGM series (DCGM_FI_DEV_GPU_UTIL, DCGM_FI_PROF_GR_ENGINE_ACTIVE) over " + window);
  }

  /** The platform GPU utilisation as a ratio 0..1 for the {@code platform_gpu_utilisation_ratio} gauge; empty when unknown. */
  public static OptionalDouble measure(PrometheusApi api, ProbeSettings settings) {
    return measurement(api, settings) instanceof Answer.Ok<GpuUtilisation> ok ? OptionalDouble.of(ok.value().ratio()) : OptionalDouble.empty();
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProbeSettings settings = ctx.settings();
    Answer<PrometheusApi> api = ctx.external().prometheus(ENDPOINT);
    if (!(api instanceof Answer.Ok<PrometheusApi> ok)) {
      return Evidence.unknown(CAPABILITY, api instanceof Answer.Failed<PrometheusApi> f ? f.reason() : "no prometheus endpoint named '" + ENDPOINT + "'");
    }
    Answer<GpuUtilisation> m = measurement(ok.value(), settings);
    if (m instanceof Answer.Failed<GpuUtilisation> f) {
      return Evidence.unknown(CAPABILITY, f.reason());
    }
    if (m instanceof Answer.NotFound<GpuUtilisation> nf) {
      return Evidence.unknown(CAPABILITY, nf.what() + " in prometheus " + ENDPOINT);
    }
    GpuUtilisation u = ((Answer.Ok<GpuUtilisation>) m).value();
    String message = String.format(Locale.ROOT, "GPU utilisation %.1f%% over %s (threshold %s%%)", u.percent(), settings.promqlWindow(),
        plain(settings.gpuUtilisationPercent()));
    List<String> refs = List.of("prometheus " + ENDPOINT + " query " + u.query());
    return u.percent() > settings.gpuUtilisationPercent()
        ? Evidence.satisfied(CAPABILITY, message, refs)
        : Evidence.missing(CAPABILITY, message, refs);
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
