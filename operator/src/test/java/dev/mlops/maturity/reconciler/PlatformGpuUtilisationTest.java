package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.cluster.ClusterChange;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.GpuUtilisationProbe;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** PlatformEvidence publishes the platform GPU utilisation to its subscribers on each recomputation. */
class PlatformGpuUtilisationTest {
  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final InMemoryClusterView cluster = new InMemoryClusterView();
  private final List<OptionalDouble> published = new ArrayList<>();
  private final AtomicInteger queries = new AtomicInteger();
  /** What the stand-in Prometheus answers to the DCGM_FI_DEV_GPU_UTIL query; null means it is down. */
  private volatile List<PrometheusApi.Sample> utilisation = List.of(new PrometheusApi.Sample(Map.of(), 72.5));

  private final PrometheusApi prometheus = new PrometheusApi() {
    @Override
    public Answer<List<Sample>> query(String promql) {
      queries.incrementAndGet();
      if (utilisation == null) {
        return Answer.failed("prometheus default answered 503");
      }
      return Answer.ok(promql.contains("DCGM_FI_DEV_GPU_UTIL") ? utilisation : List.of());
    }

    @Override
    public Answer<List<ScrapeTarget>> activeTargets() {
      return Answer.ok(List.of());
    }

    @Override
    public Answer<List<AlertRule>> alertRules() {
      return Answer.ok(List.of());
    }
  };

  private final ExternalSources sources = new ExternalSources() {
    @Override
    public Answer<PrometheusApi> prometheus(String endpointName) {
      return "default".equals(endpointName) ? Answer.ok(prometheus) : Answer.failed("no prometheus endpoint named " + endpointName);
    }

    @Override
    public Answer<MlflowApi> mlflow(String endpointName) {
      return Answer.failed("none");
    }
  };

  private PlatformEvidence platform(ProbeSet probes) {
    ExternalSources cached = new CachedExternalSources(sources, Duration.ofSeconds(30), clock);
    PlatformEvidence p = new PlatformEvidence(new EvidenceCollector(probes, ProbeSettings.DEFAULTS, clock), cached, Duration.ofSeconds(30), clock);
    p.onGpuUtilisation(ProbeSettings.DEFAULTS, published::add);
    return p;
  }

  @Test
  void publishesTheMeasuredRatioOncePerRecomputationWithoutExtraQueries() {
    PlatformEvidence p = platform(new ProbeSet(List.of(new GpuUtilisationProbe())));

    p.current(cluster);
    p.current(cluster);

    assertThat(published).containsExactly(OptionalDouble.of(0.725));
    assertThat(queries).as("the measurement reuses the probe's cached answer").hasValue(1);
  }

  @Test
  void publishesEmptyWhenTheEvidenceIsUnknownThenTheValueAgainWhenItIsBack() {
    PlatformEvidence p = platform(new ProbeSet(List.of(new GpuUtilisationProbe())));
    utilisation = null;
    p.current(cluster);

    utilisation = List.of(new PrometheusApi.Sample(Map.of(), 40.0));
    clock.advance(Duration.ofSeconds(31));
    p.current(cluster);

    assertThat(published).containsExactly(OptionalDouble.empty(), OptionalDouble.of(0.4));
  }

  @Test
  void noDcgmSeriesIsUnknownNotZero() {
    PlatformEvidence p = platform(new ProbeSet(List.of(new GpuUtilisationProbe())));
    utilisation = List.of();

    p.current(cluster);

    assertThat(published).containsExactly(OptionalDouble.empty());
  }

  @Test
  void publishesNothingWithoutAGpuUtilisationProbe() {
    PlatformEvidence p = platform(new ProbeSet(List.of()));

    p.current(cluster);
    p.changed(new ClusterChange(dev.mlops.maturity.probe.Kinds.NODE, null, Map.of(), null));
    p.current(cluster);

    assertThat(published).isEmpty();
  }
}
