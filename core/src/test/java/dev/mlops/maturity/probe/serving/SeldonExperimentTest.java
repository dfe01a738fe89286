package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeldonExperimentTest {

  private static SeldonExperiment experiment(String spec, String status) {
    return new SeldonExperiment(ServingFixtures.yaml("""
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Experiment
        metadata: {name: ab, namespace: fraud}
        spec:
        %s%s""".formatted(spec.indent(2), status)));
  }

  @Test
  void countsCandidatesWithPositiveWeightIncludingLegacyModelName() {
    SeldonExperiment e = experiment("""
        default: iris
        candidates:
        - {modelName: iris, weight: "50"}
        - {name: iris2, weight: 50}
        - {name: iris3, weight: 0}
        - {name: iris4}
        """, "");
    assertThat(e.weightedCandidates()).containsExactly("iris 50", "iris2 50");
  }

  @Test
  void mirrorWithZeroPercentMirrorsNothing() {
    assertThat(experiment("candidates: [{name: iris, weight: 100}]\nmirror: {name: iris2, percent: 100}\n", "").mirror()).contains("iris2 (100%)");
    assertThat(experiment("candidates: [{name: iris, weight: 100}]\nmirror: {name: iris2}\n", "").mirror()).contains("iris2 (100%)");
    assertThat(experiment("candidates: [{name: iris, weight: 100}]\nmirror: {name: iris2, percent: 0}\n", "").mirror()).isEmpty();
    assertThat(experiment("candidates: [{name: iris, weight: 100}]\n", "").mirror()).isEmpty();
  }

  @Test
  void readyUnlessConditionsSayOtherwise() {
    String spec = "candidates: [{name: iris, weight: 50}, {name: iris2, weight: 50}]\n";
    assertThat(experiment(spec, "").ready()).isTrue();
    assertThat(experiment(spec, "status: {conditions: [{type: ExperimentReady, status: \"True\"}]}\n").ready()).isTrue();
    assertThat(experiment(spec, "status: {conditions: [{type: ExperimentReady, status: \"False\"}]}\n").ready()).isFalse();
    assertThat(experiment(spec, "status: {conditions: [{type: Ready, status: \"True\"}]}\n").ready()).isFalse();
  }
}
