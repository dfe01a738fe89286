package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.cluster.ClusterChange;
import dev.mlops.maturity.external.AnswerCache;
import dev.mlops.maturity.external.CachedExternalSources;
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

/**
 * PlatformEvidence measures the platform GPU utilisation on each recomputation, as data in its snapshot
 * (the publish phase turns it into the gauge; see MaturityTargetReconcilerSyncTest). {@code published}
 * collects the measurement of each new snapshot.
 */
class PlatformGpuUtilisationTest {
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private final InMemoryClusterView cluster = new InMemoryClusterView();
  private final List<OptionalDouble> published = new ArrayList<>();
  private PlatformEvidence.Snapshot last;
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
    ExternalSources cached = new CachedExternalSources(sources, new AnswerCache(clock, Duration.ofSeconds(30)));
    return new PlatformEvidence(new EvidenceCollector(probes, ProbeSettings.DEFAULTS, clock), cached, ProbeSettings.DEFAULTS,
        Duration.ofSeconds(30), clock);
  }

  /** Reads the snapshot as a target's evaluation would, recording its measurement when it is a new one. */
  private void current(PlatformEvidence p) {
    PlatformEvidence.Snapshot s = p.current(cluster);
    if (s != last) {
      last = s;
      if (s.measuresGpu()) {
        published.add(s.gpuUtilisation());
      }
    }
  }

  @Test
  void publishesTheMeasuredRatioOncePerRecomputationWithoutExtraQueries() {
    PlatformEvidence p = platform(new ProbeSet(List.of(new GpuUtilisationProbe())));

    current(p);
    current(p);

    assertThat(published).containsExactly(OptionalDouble.of(0.725));
    assertThat(queries).as("the measurement reuses the probe's cached answer").hasValue(1);
  }

  @Test
  void publishesEmptyWhenTheEvidenceIsUnknownThenTheValueAgainWhenItIsBack() {
    PlatformEvidence p = platform(new ProbeSet(List.of(new GpuUtilisationProbe())));
    utilisation = null;
    current(p);

    utilisation = List.of(new PrometheusApi.Sample(Map.of(), 40.0));
    clock.advance(java.time.Duration.ofSeconds(31));
    current(p);

    assertThat(published).containsExactly(OptionalDouble.empty(), OptionalDouble.of(0.4));
  }

  @Test
  void noDcgmSeriesIsUnknownNotZero() {
    PlatformEvidence p = platform(new ProbeSet(List.of(new GpuUtilisationProbe())));
    utilisation = List.of();

    current(p);

    assertThat(published).containsExactly(OptionalDouble.empty());
  }

  @Test
  void publishesNothingWithoutAGpuUtilisationProbe() {
    PlatformEvidence p = platform(new ProbeSet(List.of()));

    current(p);
    p.changed(new ClusterChange(dev.mlops.maturity.probe.KindCatalogue.NODE, null, Map.of(), null));
    current(p);

    assertThat(published).isEmpty();
  }
}
