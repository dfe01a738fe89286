package dev.mlops.maturity.probe.serving;

import static dev.mlops.maturity.probe.serving.ServingFixtures.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanaryDeploymentProbeTest {
  private final CanaryDeploymentProbe probe = new CanaryDeploymentProbe();

  @ParameterizedTest(name = "canaryTrafficPercent {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "0      | Missing",
      "100    | Missing",
      "-10    | Missing",
      "1      | Satisfied",
      "50     | Satisfied",
      "'\"50\"' | Satisfied",
      "12.5   | Satisfied",
      "'\"99\"' | Satisfied",
      "'\"all\"' | Missing"})
  void kserveCanaryTrafficPercentMustBeAPartialSplit(String percent, CapabilityState expected) {
    Evidence e = evaluate(probe, ServingFixtures.isvc("canaryTrafficPercent: " + percent, "{}"));
    assertThat(e.state()).as(e.message()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "mode {0} -> {1}")
  @CsvSource({"Serverless,Satisfied", "Knative,Satisfied", "RawDeployment,Missing", "Standard,Missing", "ModelMesh,Missing"})
  void kserveCanaryPercentCountsOnlyInKnativeMode(String mode, CapabilityState expected) {
    Evidence e = evaluate(probe, ServingFixtures.isvc("canaryTrafficPercent: 20", "{serving.kserve.io/deploymentMode: " + mode + "}"));
    assertThat(e.state()).as(e.message()).isEqualTo(expected);
    if (expected == CapabilityState.Missing) {
      assertThat(e.message()).contains("ignored in " + mode + " mode");
    }
  }

  @Test
  void kserveStandardModeCanaryListIsCanary() {
    String isvc = ServingFixtures.isvc("canaryTrafficPercent: 0", "{serving.kserve.io/deploymentMode: Standard}")
        + "  canary:\n  - trafficPercent: 15\n    predictor: {model: {modelFormat: {name: sklearn}, storageUri: gs://m/v9}}\n";
    Evidence e = evaluate(probe, isvc);
    assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("canary[0] 15%");
  }

  @Test
  void kserveTrafficStatusNeedsTwoRevisionsCarryingTraffic() {
    String promoted = ServingFixtures.isvc("minReplicas: 1", "{}") + """
        status:
          components:
            predictor:
              traffic:
              - {revisionName: fraud-detector-predictor-00008, percent: 100, latestRevision: true, tag: latest}
              - {revisionName: fraud-detector-predictor-00007, percent: "0", tag: prev}
        """;
    assertThat(evaluate(probe, promoted).state()).isEqualTo(CapabilityState.Missing);
    String split = promoted.replace("percent: 100", "percent: \"70\"").replace("percent: \"0\"", "percent: 30");
    Evidence e = evaluate(probe, split);
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("70% fraud-detector-predictor-00008, 30% fraud-detector-predictor-00007");
  }

  @ParameterizedTest(name = "setWeight {0} -> {1}")
  @CsvSource(delimiter = '|', value = {"0 | Missing", "100 | Missing", "'\"100\"' | Missing", "5 | Satisfied", "'\"20\"' | Satisfied"})
  void rolloutNeedsASetWeightStepStrictlyBetweenZeroAndHundred(String weight, CapabilityState expected) {
    Evidence e = evaluate(probe, ServingFixtures.rollout("steps:\n- setWeight: " + weight + "\n- pause: {}\n"));
    assertThat(e.state()).as(e.message()).isEqualTo(expected);
  }

  @Test
  void rolloutManagedRoutesAloneIsNotTrafficRouting() {
    Evidence e = evaluate(probe, ServingFixtures.rollout("trafficRouting:\n  managedRoutes: [{name: mirror}]\nsteps:\n- setWeight: 100\n"));
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
  }

  @Test
  void rolloutWithoutMatchingLabelsIsNotTheWorkloads() {
    String other = ServingFixtures.rollout("steps:\n- setWeight: 20\n").replace("part-of: fraud-detector", "part-of: churn-model");
    Evidence e = evaluate(probe, other);
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.references()).isEmpty();
  }
}
