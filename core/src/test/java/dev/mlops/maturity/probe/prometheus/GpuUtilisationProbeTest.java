package dev.mlops.maturity.probe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.Sample;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GpuUtilisationProbeTest {
  private static final ProbeSettings DAY = new ProbeSettings(60, Duration.ofHours(12), "champion");

  private static Evidence evaluate(FakePrometheusApi api, ProbeSettings settings) {
    return evaluate(api.asDefault(), settings);
  }

  private static Evidence evaluate(ExternalSources sources, ProbeSettings settings) {
    return new GpuUtilisationProbe().evaluate(new ProbeContext(null, new InMemoryClusterView(), sources, settings, ScenarioAssertions.FIXED));
  }

  private static Sample value(double v) {
    return new Sample(Map.of(), v);
  }

  @Test
  void usesTheTimeWeightedPromqlOverTheConfiguredWindow() {
    FakePrometheusApi api = new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(71.25));

    Evidence e = evaluate(api, DAY);

    assertThat(api.asked).containsExactly("sum(sum_over_time(DCGM_FI_DEV_GPU_UTIL[12h])) / sum(count_over_time(DCGM_FI_DEV_GPU_UTIL[12h]))");
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).isEqualTo("GPU utilisation 71.3% over 12h (threshold 60%) from DCGM_FI_DEV_GPU_UTIL");
  }

  @Test
  void fallsBackToTheProfilingMetricForMigWhenGpuUtilHasNoSeries() {
    FakePrometheusApi api = new FakePrometheusApi().query("DCGM_FI_PROF_GR_ENGINE_ACTIVE", value(42));

    Evidence e = evaluate(api, DAY);

    assertThat(api.asked).hasSize(2);
    assertThat(api.asked.get(1))
        .isEqualTo("100 * sum(sum_over_time(DCGM_FI_PROF_GR_ENGINE_ACTIVE[12h])) / sum(count_over_time(DCGM_FI_PROF_GR_ENGINE_ACTIVE[12h]))");
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).isEqualTo("GPU utilisation 42.0% over 12h (threshold 60%) from 100 x DCGM_FI_PROF_GR_ENGINE_ACTIVE"
        + " (DCGM_FI_DEV_GPU_UTIL has no series, as on MIG instances)");
  }

  @Test
  void exactlyTheThresholdIsNotAbove() {
    Evidence e = evaluate(new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(60)), DAY);

    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
  }

  @Test
  void printsAFractionalThresholdAsConfigured() {
    Evidence e = evaluate(new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(70)), new ProbeSettings(62.5, Duration.ofDays(7), "champion"));

    assertThat(e.message()).isEqualTo("GPU utilisation 70.0% over 7d (threshold 62.5%) from DCGM_FI_DEV_GPU_UTIL");
  }

  @Test
  void noSeriesForEitherMetricIsUnknownNeverZero() {
    FakePrometheusApi api = new FakePrometheusApi();

    Evidence e = evaluate(api, DAY);

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).startsWith("no DCGM series (DCGM_FI_DEV_GPU_UTIL, DCGM_FI_PROF_GR_ENGINE_ACTIVE)");
    assertThat(GpuUtilisationProbe.measure(api, DAY)).isEmpty();
  }

  @Test
  void aNanResultIsNoData() {
    FakePrometheusApi api = new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(Double.NaN))
        .query("DCGM_FI_PROF_GR_ENGINE_ACTIVE", value(Double.POSITIVE_INFINITY));

    assertThat(evaluate(api, DAY).state()).isEqualTo(CapabilityState.Unknown);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {1e300, -75, Double.NaN, 100.5, Double.NEGATIVE_INFINITY})
  void aValueOutsideZeroToHundredPercentIsImplausibleNotALevel(double v) {
    FakePrometheusApi api = new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(v));

    Evidence e = evaluate(api, DAY);

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).startsWith("implausible value " + v + " for DCGM_FI_DEV_GPU_UTIL over 12h");
    assertThat(GpuUtilisationProbe.measure(api, DAY)).isEmpty();
  }

  @Test
  void aProfilingRatioAboveOneIsImplausible() {
    FakePrometheusApi api = new FakePrometheusApi().query("DCGM_FI_PROF_GR_ENGINE_ACTIVE", value(8300));

    Evidence e = evaluate(api, DAY);

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).contains("implausible value 8300.0 for DCGM_FI_PROF_GR_ENGINE_ACTIVE");
  }

  @Test
  void theBoundsThemselvesArePlausible() {
    assertThat(evaluate(new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(100)), DAY).state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(evaluate(new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(0)), DAY).state()).isEqualTo(CapabilityState.Missing);
  }

  @Test
  void aFailedQueryIsUnknownAndStopsThere() {
    FakePrometheusApi api = new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", Answer.failed("prometheus default timed out after 5s"));

    Evidence e = evaluate(api, DAY);

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).isEqualTo("prometheus default timed out after 5s");
    assertThat(api.asked).hasSize(1);
  }

  @Test
  void noConfiguredPrometheusIsUnknown() {
    Evidence e = evaluate(ExternalSources.NONE, DAY);

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).isEqualTo("no prometheus endpoint named 'default' is configured");
  }

  @Test
  void measureGivesTheRatioOfTheMeasuredPercent() {
    assertThat(GpuUtilisationProbe.measure(new FakePrometheusApi().query("DCGM_FI_DEV_GPU_UTIL", value(67.5)), DAY)).hasValue(0.675);
    assertThat(GpuUtilisationProbe.measurement(new FakePrometheusApi().query("DCGM_FI_PROF_GR_ENGINE_ACTIVE", value(30)), DAY))
        .isEqualTo(Answer.ok(new GpuUtilisationProbe.GpuUtilisation(30, "DCGM_FI_PROF_GR_ENGINE_ACTIVE",
            GpuUtilisationProbe.profilingQuery("12h"))));
  }
}
