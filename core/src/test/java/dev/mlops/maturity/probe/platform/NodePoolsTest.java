package dev.mlops.maturity.probe.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePoolsTest {
  static GenericKubernetesResource pool(String requirements, String taints) {
    return Serialization.unmarshal("""
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: p}
        spec:
          template:
            spec:
              nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
              requirements: %s
              taints: %s
        """.formatted(requirements, taints), GenericKubernetesResource.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "[{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]                 | spot",
      "[{key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}]      | on-demand spot",
      "[{key: karpenter.sh/capacity-type, operator: NotIn, values: [spot]}]              | on-demand reserved",
      "[{key: karpenter.sh/capacity-type, operator: Exists}]                             | on-demand reserved spot",
      "[{key: kubernetes.io/arch, operator: In, values: [amd64]}]                        | on-demand",
      "[{key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}, {key: karpenter.sh/capacity-type, operator: NotIn, values: [spot]}] | on-demand"})
  void capacityTypes(String requirements, String expected) {
    assertThat(NodePools.capacityTypes(pool(requirements, "[]")).stream().sorted().toList())
        .containsExactly(expected.split(" "));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "[]                                                                                      | [{key: nvidia.com/gpu, effect: NoSchedule}] | true",
      "[{key: karpenter.k8s.aws/instance-gpu-count, operator: Gt, values: ['0']}]             | []  | true",
      "[{key: karpenter.k8s.aws/instance-gpu-count, operator: Gte, values: ['1']}]            | []  | true",
      "[{key: karpenter.k8s.aws/instance-gpu-count, operator: In, values: ['0']}]             | []  | false",
      "[{key: karpenter.k8s.aws/instance-gpu-count, operator: DoesNotExist}]                  | []  | false",
      "[{key: karpenter.k8s.aws/instance-gpu-manufacturer, operator: In, values: [nvidia]}]   | []  | true",
      "[{key: karpenter.k8s.aws/instance-gpu-manufacturer, operator: In, values: [aws]}]      | []  | false",
      "[{key: karpenter.k8s.aws/instance-family, operator: In, values: [g6e, p5]}]            | []  | true",
      "[{key: karpenter.k8s.aws/instance-family, operator: In, values: [m6i, g6e]}]           | []  | false",
      "[{key: karpenter.k8s.aws/instance-category, operator: In, values: [g]}]                | []  | true",
      "[{key: nvidia.com/gpu.product, operator: In, values: [NVIDIA-A10G]}]                   | []  | true",
      "[{key: karpenter.k8s.aws/instance-category, operator: In, values: [c, m, r]}]          | [{key: dedicated, value: ml, effect: NoSchedule}] | false"})
  void gpuPools(String requirements, String taints, boolean gpu) {
    assertThat(NodePools.gpu(pool(requirements, taints)).isPresent()).isEqualTo(gpu);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "[{nodes: '0'}]                                                       | true",
      "[{nodes: '0%'}]                                                      | true",
      "[{nodes: '0', reasons: [Underutilized]}]                             | true",
      "[{nodes: '0', reasons: [Empty, Drifted]}]                            | false",
      "[{nodes: '0', schedule: '@daily', duration: 10m}]                    | false",
      "[{nodes: '10%'}]                                                     | false",
      "[{nodes: '20%', reasons: [Empty]}, {nodes: '0'}]                     | true",
      "[]                                                                   | false"})
  void aZeroBudgetWithoutAWindowBlocksConsolidation(String budgets, boolean blocked) {
    GenericKubernetesResource p = Serialization.unmarshal("""
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: p}
        spec:
          disruption:
            consolidationPolicy: WhenEmptyOrUnderutilized
            budgets: %s
        """.formatted(budgets), GenericKubernetesResource.class);
    assertThat(NodePools.consolidationBlockedBy(p).isPresent()).isEqualTo(blocked);
  }
}
