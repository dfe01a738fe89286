package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.metrics.MaturityMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The platform GPU gauge comes from the snapshot an evaluation used, published by the publish phase. */
class TransitionPublisherTest {
  private static final String GPU = "mlops.maturity.platform.gpu.utilisation.ratio";
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TransitionPublisher publisher = new TransitionPublisher(new MaturityMetrics(registry),
      new TargetEvents(new ArrayList<>()::add, Clock.systemUTC(), "test"), Clock.systemUTC());

  @Test
  void theGpuGaugeFollowsTheSnapshotAndVanishesWhenItIsUnknown() {
    publisher.platform(new PlatformEvidence.Snapshot(Map.of(), OptionalDouble.of(0.725), true));
    assertThat(registry.get(GPU).gauge().value()).isEqualTo(0.725);

    publisher.platform(new PlatformEvidence.Snapshot(Map.of(), OptionalDouble.empty(), true));
    assertThat(registry.find(GPU).gauge()).isNull();
  }

  @Test
  void aSnapshotWithoutAGpuProbeLeavesTheGaugeAlone() {
    publisher.platform(new PlatformEvidence.Snapshot(Map.of(), OptionalDouble.empty(), false));
    assertThat(registry.find(GPU).gauge()).isNull();

    publisher.platform(new PlatformEvidence.Snapshot(Map.of(), OptionalDouble.of(0.4), true));
    publisher.platform(new PlatformEvidence.Snapshot(Map.of(), OptionalDouble.empty(), false));
    assertThat(registry.get(GPU).gauge().value()).isEqualTo(0.4);
  }
}
