package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.cluster.ClusterChange;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlatformEvidenceTest {
  private final AtomicInteger runs = new AtomicInteger();
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");

  private final Probe gpuScheduling = new Probe() {
    @Override
    public String capability() {
      return "gpu-scheduling";
    }

    @Override
    public Scope scope() {
      return Scope.PLATFORM;
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(KindCatalogue.NODE);
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      runs.incrementAndGet();
      return Evidence.missing(capability(), "no GPU nodes");
    }
  };

  private final PlatformEvidence platform = new PlatformEvidence(
      new EvidenceCollector(new ProbeSet(List.of(gpuScheduling)), ProbeSettings.DEFAULTS, clock),
      ExternalSources.NONE, ProbeSettings.DEFAULTS, Duration.ofSeconds(30), clock);
  private final InMemoryClusterView cluster = new InMemoryClusterView();

  @Test
  void isComputedOnceAndSharedUntilAPlatformKindChanges() {
    platform.current(cluster);
    platform.current(cluster);
    platform.changed(new ClusterChange(KindCatalogue.DEPLOYMENT, "team-a", Map.of(), null));
    assertThat(platform.current(cluster).evidence()).containsKey("gpu-scheduling");
    assertThat(runs).hasValue(1);

    platform.changed(new ClusterChange(KindCatalogue.NODE, null, Map.of(), null));
    platform.current(cluster);

    assertThat(runs).hasValue(2);
  }

  @Test
  void isRecomputedWhenOlderThanItsMaxAge() {
    platform.current(cluster);
    clock.advance(Duration.ofSeconds(31));
    platform.current(cluster);

    assertThat(runs).hasValue(2);
  }
}
