package dev.mlops.maturity.probe.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import org.junit.jupiter.api.Test;

class GpuSchedulingProbeTest {
  static Evidence evaluate(InMemoryClusterView cluster) {
    return new GpuSchedulingProbe().evaluate(new ProbeContext(null, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
  }

  @Test
  void allocatableAsAYamlIntegerCounts() {
    Evidence e = evaluate(new InMemoryClusterView().notInstalled(KindCatalogue.NODE_POOL).notInstalled(KindCatalogue.CLUSTER_QUEUE)
        .notInstalled(KindCatalogue.CLUSTER_QUEUE_V1BETA1).addYaml("""
        apiVersion: v1
        kind: Node
        metadata: {name: gpu-1}
        status:
          allocatable: {cpu: "16", nvidia.com/gpu: 2}
        """));
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).containsExactly("Node gpu-1 (2 nvidia.com/gpu allocatable)");
  }

  @Test
  void forbiddenClusterQueuesAreNotReplacedByV1beta1() {
    InMemoryClusterView cluster = new InMemoryClusterView().notInstalled(KindCatalogue.NODE_POOL).forbidden(KindCatalogue.CLUSTER_QUEUE).addYaml("""
        apiVersion: kueue.x-k8s.io/v1beta1
        kind: ClusterQueue
        metadata: {name: stale-copy}
        spec:
          resourceGroups:
          - coveredResources: [nvidia.com/gpu]
        """);
    Evidence e = evaluate(cluster);
    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).contains("forbidden: cannot list clusterqueues.kueue.x-k8s.io");
  }

  @Test
  void readsTheV1beta1KindAsOneOfItsKinds() {
    assertThat(new GpuSchedulingProbe().reads()).contains(KindCatalogue.NODE, KindCatalogue.NODE_POOL, KindCatalogue.CLUSTER_QUEUE, KindCatalogue.CLUSTER_QUEUE_V1BETA1);
  }
}
