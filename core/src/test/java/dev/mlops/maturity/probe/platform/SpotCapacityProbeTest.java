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

class SpotCapacityProbeTest {
  static Evidence evaluate(InMemoryClusterView cluster) {
    return new SpotCapacityProbe().evaluate(new ProbeContext(null, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
  }

  static String node(String name, String label, String value) {
    return """
        apiVersion: v1
        kind: Node
        metadata:
          name: %s
          labels: {kubernetes.io/os: linux, %s: "%s"}
        """.formatted(name, label, value);
  }

  @Test
  void aksSpotScaleSetAndAnEksOnDemandGroupMakeBothSides() {
    Evidence e = evaluate(new InMemoryClusterView().notInstalled(KindCatalogue.NODE_POOL)
        .addYaml(node("aks-spot-1", "kubernetes.azure.com/scalesetpriority", "spot"))
        .addYaml(node("ip-10-0-1-1", "eks.amazonaws.com/capacityType", "CAPACITY_BLOCK")));
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).contains("Node aks-spot-1 (kubernetes.azure.com/scalesetpriority=spot)",
        "Node ip-10-0-1-1 (eks.amazonaws.com/capacityType=CAPACITY_BLOCK)");
  }

  @Test
  void oneSideOnNodesWithNodePoolsForbiddenIsUnknown() {
    Evidence e = evaluate(new InMemoryClusterView().forbidden(KindCatalogue.NODE_POOL)
        .addYaml(node("spot-1", "karpenter.sh/capacity-type", "spot")));
    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).contains("forbidden: cannot list nodepools.karpenter.sh");
  }

  @Test
  void aMixedPoolCountsForBothSides() {
    Evidence e = evaluate(new InMemoryClusterView().addYaml("""
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: mixed}
        spec:
          template:
            spec:
              nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
              requirements:
              - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
        """));
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).contains("karpenter.sh/NodePool mixed (spot)", "karpenter.sh/NodePool mixed (on-demand)");
  }
}
