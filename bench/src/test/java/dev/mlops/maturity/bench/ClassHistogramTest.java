package dev.mlops.maturity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {
  /** Instances only this test creates. */
  static final class Marker {}

  @Test
  void parsesTheJvmHistogramLayout() {
    String histogram = """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         41234        3298720  [B (java.base@17.0.15)
           2:          2048          65536  io.fabric8.kubernetes.api.model.GenericKubernetesResource
           3:            12            384  io.fabric8.kubernetes.api.model.GenericKubernetesResourceList
        Total        43294        3364640
        """;
    assertThat(ClassHistogram.instancesIn(histogram, "io.fabric8.kubernetes.api.model.GenericKubernetesResource")).isEqualTo(2048);
    assertThat(ClassHistogram.instancesIn(histogram, "io.fabric8.kubernetes.api.model.Pod")).isZero();
  }

  @Test
  void countsLiveInstancesAndSeesThemFreed() {
    List<Marker> held = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      held.add(new Marker());
    }
    long with = ClassHistogram.liveInstances(Marker.class.getName());
    assertThat(with).isEqualTo(1500);
    held.clear();
    assertThat(ClassHistogram.liveInstances(Marker.class.getName())).isZero();
  }
}
