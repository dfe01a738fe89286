package dev.mlops.maturity.probe.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.external.Credentials;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden scenarios under scenarios/mlflow: cluster.yaml and mlflow.yaml (the fake server's answers) in, evidence out. */
class RegistryScenariosTest {
  /** Error bodies in the scenarios carry this text; it must never reach evidence. */
  static final String LEAK_MARKER = "LEAKED-BODY";

  static List<Scenario> scenarios() {
    return Scenario.under("mlflow");
  }

  static ExternalSources mlflowAt(FakeMlflowServer fake) {
    MlflowApi api = new HttpMlflowApi(fake.root(), Credentials.NONE);
    return new ExternalSources() {
      @Override
      public Answer<PrometheusApi> prometheus(String endpointName) {
        return ExternalSources.NONE.prometheus(endpointName);
      }

      @Override
      public Answer<MlflowApi> mlflow(String endpointName) {
        return "default".equals(endpointName) ? Answer.ok(api) : ExternalSources.NONE.mlflow(endpointName);
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void producesTheExpectedEvidence(Scenario scenario) {
    try (FakeMlflowServer fake = FakeMlflowServer.fromScenario(scenario.dir())) {
      ProbeSet probes = new ProbeSet(RegistryProbes.all());
      ExternalSources external = mlflowAt(fake);
      ScenarioAssertions.check(scenario, probes, external);

      Map<String, Evidence> evidence = new EvidenceCollector(probes, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED)
          .workload(scenario.target(), scenario.cluster(), external, Map.of(), scenario.expect().keySet());
      evidence.values().forEach(e -> {
        assertThat(e.message()).as("%s message", e.capability()).doesNotContain(LEAK_MARKER).hasSizeLessThanOrEqualTo(512);
        assertThat(e.references()).as("%s references", e.capability()).noneMatch(r -> r.contains(LEAK_MARKER));
      });
    }
  }
}
