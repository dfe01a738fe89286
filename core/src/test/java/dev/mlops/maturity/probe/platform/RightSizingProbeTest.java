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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RightSizingProbeTest {
  static Evidence evaluate(String disruption, String extra) {
    InMemoryClusterView cluster = new InMemoryClusterView().notInstalled(KindCatalogue.VPA).addYaml("""
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: default}
        spec:
          %s
          template:
            spec:
              nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
              requirements: []
          disruption: %s
        """.formatted(extra, disruption));
    return new RightSizingProbe().evaluate(new ProbeContext(null, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "{consolidationPolicy: WhenEmptyOrUnderutilized, consolidateAfter: 1m} | ''           | Satisfied",
      "{consolidationPolicy: Balanced}                                        | ''           | Satisfied",
      "{consolidationPolicy: WhenUnderutilized}                               | ''           | Satisfied",
      "{consolidateAfter: 0s}                                                 | ''           | Satisfied",
      "{consolidationPolicy: WhenEmpty, consolidateWhen: WhenCostJustifiesDisruption} | ''   | Satisfied",
      "{consolidationPolicy: WhenEmpty, consolidateAfter: 30s}                | ''           | Missing",
      "{consolidationPolicy: WhenEmptyOrUnderutilized}                        | 'replicas: 3' | Missing"})
  void nodeConsolidation(String disruption, String extra, CapabilityState expected) {
    assertThat(evaluate(disruption, extra).state()).isEqualTo(expected);
  }
}
