package dev.mlops.maturity.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.delivery.DeliveryProbes;
import dev.mlops.maturity.probe.governance.GovernanceProbes;
import dev.mlops.maturity.probe.mlflow.FakeMlflowServer;
import dev.mlops.maturity.probe.mlflow.HttpMlflowApi;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.mlflow.RegistryProbes;
import dev.mlops.maturity.probe.pipeline.PipelineProbes;
import dev.mlops.maturity.probe.platform.PlatformProbes;
import dev.mlops.maturity.probe.prometheus.FakePrometheusApi;
import dev.mlops.maturity.probe.prometheus.MonitoringProbes;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import dev.mlops.maturity.probe.serving.ServingProbes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden scenario of every probe family (src/test/resources/scenarios/&lt;family&gt;/&lt;case&gt;: cluster.yaml,
 * expected.yaml, and the family's external answers: prometheus.yaml for monitoring, mlflow.yaml for the fake
 * MLflow server): cluster objects in, expected evidence out.
 */
class ProbeScenariosTest {
  /** Error bodies in the MLflow scenarios carry this text; it must never reach evidence. */
  static final String LEAK_MARKER = "LEAKED-BODY";

  /** A probe family: its scenario folder and its probes. */
  enum Family {
    DELIVERY("delivery", DeliveryProbes::all),
    GOVERNANCE("governance", GovernanceProbes::all),
    MLFLOW("mlflow", RegistryProbes::all),
    MONITORING("monitoring", MonitoringProbes::all),
    PIPELINE("pipeline", PipelineProbes::all),
    PLATFORM("platform", PlatformProbes::all),
    SERVING("serving", ServingProbes::all);

    final String folder;
    private final Supplier<List<Probe>> probes;

    Family(String folder, Supplier<List<Probe>> probes) {
      this.folder = folder;
      this.probes = probes;
    }

    List<Probe> probes() {
      return probes.get();
    }

    List<Scenario> scenarios() {
      return Scenario.under(folder);
    }
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(Family.values()).flatMap(f -> f.scenarios().stream().map(s -> Arguments.of(f, s)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("scenarios")
  void producesTheExpectedEvidence(Family family, Scenario s) {
    ProbeSet probes = new ProbeSet(family.probes());
    if (family == Family.MLFLOW) {
      try (FakeMlflowServer fake = FakeMlflowServer.fromScenario(s.dir())) {
        ExternalSources external = mlflowAt(fake);
        ScenarioAssertions.check(s, probes, external);
        assertNothingLeaks(s, probes, external);
      }
    } else {
      ScenarioAssertions.check(s, probes, family == Family.MONITORING ? FakePrometheusApi.forScenario(s.dir()) : ExternalSources.NONE);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("scenarios")
  void listsOnlyTheKindsItDeclares(Family family, Scenario s) {
    ScenarioAssertions.checkReadsDeclared(s, family.probes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void everyScenarioExpectsSomethingOfItsFamily(Family family) {
    List<String> ours = family.probes().stream().map(Probe::capability).toList();
    assertThat(family.scenarios()).isNotEmpty()
        .allSatisfy(s -> assertThat(s.expect().keySet()).as(s.name()).isNotEmpty().isSubsetOf(ours));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void everyCapabilityHasSatisfiedMissingAndUnknownScenarios(Family family) {
    List<Scenario> all = family.scenarios();
    for (Probe probe : family.probes()) {
      for (String state : List.of("Satisfied", "Missing", "Unknown")) {
        assertThat(all).as("a %s scenario expecting %s to be %s", family.folder, probe.capability(), state)
            .anyMatch(s -> s.expect().containsKey(probe.capability()) && s.expect().get(probe.capability()).state().equals(state));
      }
    }
  }

  static Stream<Family> families() {
    return Stream.of(Family.values());
  }

  private static ExternalSources mlflowAt(FakeMlflowServer fake) {
    MlflowApi api = new HttpMlflowApi(fake.root(), dev.mlops.maturity.external.Credentials.NONE);
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

  /** No MLflow error body reaches a message or reference, and messages stay short. */
  private static void assertNothingLeaks(Scenario s, ProbeSet probes, ExternalSources external) {
    Map<String, Evidence> evidence = new EvidenceCollector(probes, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED)
        .workload(s.target(), s.cluster(), external, Map.of(), s.expect().keySet());
    evidence.values().forEach(e -> {
      assertThat(e.message()).as("%s message", e.capability()).doesNotContain(LEAK_MARKER).hasSizeLessThanOrEqualTo(512);
      assertThat(e.references()).as("%s references", e.capability()).noneMatch(r -> r.contains(LEAK_MARKER));
    });
  }
}
