package dev.mlops.maturity.probe.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.mlflow.MlflowApi.DatasetInput;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import dev.mlops.maturity.probe.mlflow.MlflowApi.RegisteredModel;
import dev.mlops.maturity.probe.mlflow.MlflowApi.Run;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryProbesTest {
  private static final WorkloadTarget TARGET = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(), "fraud-detector",
      "default", "team-registry", Duration.ofMinutes(5));

  /** An in-memory MlflowApi answering from fields; records the calls. */
  static class StubMlflow implements MlflowApi {
    Answer<RegisteredModel> model = Answer.notFound("model");
    Answer<List<ModelVersion>> versions = Answer.ok(List.of());
    Answer<ModelVersion> alias = Answer.notFound("alias");
    Answer<Run> run = Answer.notFound("run");
    final List<String> calls = new ArrayList<>();

    @Override
    public Answer<RegisteredModel> registeredModel(String name) {
      calls.add("get " + name);
      return model;
    }

    @Override
    public Answer<List<ModelVersion>> modelVersions(String name) {
      calls.add("search " + name);
      return versions;
    }

    @Override
    public Answer<ModelVersion> alias(String name, String alias) {
      calls.add("alias " + name + "@" + alias);
      return this.alias;
    }

    @Override
    public Answer<Run> run(String runId) {
      calls.add("run " + runId);
      return run;
    }
  }

  private static ExternalSources only(String endpoint, MlflowApi api, List<String> asked) {
    return new ExternalSources() {
      @Override
      public Answer<PrometheusApi> prometheus(String endpointName) {
        return ExternalSources.NONE.prometheus(endpointName);
      }

      @Override
      public Answer<MlflowApi> mlflow(String endpointName) {
        asked.add(endpointName);
        return endpoint.equals(endpointName) ? Answer.ok(api) : ExternalSources.NONE.mlflow(endpointName);
      }
    };
  }

  private static ProbeContext context(ExternalSources external, ProbeSettings settings) {
    return new ProbeContext(TARGET, new InMemoryClusterView(), external, settings, ScenarioAssertions.FIXED);
  }

  @Test
  void theFamilyDecidesFiveCatalogueCapabilitiesPerWorkload() {
    List<Probe> probes = RegistryProbes.all();

    assertThat(probes).extracting(Probe::capability)
        .containsExactlyInAnyOrder("model-registry", "model-versioning", "experiment-tracking", "quality-gate", "data-versioning")
        .allMatch(CapabilityCatalogue::contains);
    assertThat(probes).allMatch(p -> p.scope() == Scope.WORKLOAD);
    assertThat(probes).filteredOn(p -> !p.reads().isEmpty()).singleElement()
        .satisfies(p -> assertThat(p.reads()).containsExactly(KindCatalogue.INFERENCE_SERVICE));
  }

  @Test
  void everyProbeIsUnknownWhenTheTargetsEndpointIsNotConfigured() {
    List<String> asked = new ArrayList<>();
    ProbeContext ctx = context(only("default", new StubMlflow(), asked), ProbeSettings.DEFAULTS);

    for (Probe p : RegistryProbes.all()) {
      Evidence e = p.evaluate(ctx);
      assertThat(e.state()).as(p.capability()).isEqualTo(CapabilityState.Unknown);
      assertThat(e.message()).as(p.capability()).contains("no mlflow endpoint named 'team-registry' is configured");
    }
    assertThat(asked).containsOnly("team-registry");
  }

  @Test
  void usesTheConfiguredChampionAliasName() {
    StubMlflow api = new StubMlflow();
    api.alias = Answer.ok(new ModelVersion("fraud-detector", "3", "READY", "r3", null, null, 1L,
        Map.of("mlops.gate.result", "passed", "mlops.gate.candidate", "2", "mlops.gate.champion", "1", "mlops.gate.test_set_digest", "d")));
    ProbeContext ctx = context(only("team-registry", api, new ArrayList<>()), new ProbeSettings(60, Duration.ofDays(7), "production"));

    Evidence e = new QualityGateProbe().evaluate(ctx);

    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("alias 'production'").contains("score 2 > 1");
    assertThat(api.calls).contains("alias fraud-detector@production");
  }

  @Test
  void experimentTrackingStopsAtTheFirstQualifyingRun() {
    StubMlflow api = new StubMlflow();
    api.versions = Answer.ok(List.of(version("3", "r3"), version("2", "r2"), version("1", "r1")));
    api.run = Answer.ok(new Run("r3", "FINISHED", 2, 3, Map.of(), List.of()));

    Evidence e = new ExperimentTrackingProbe().evaluate(context(only("team-registry", api, new ArrayList<>()), ProbeSettings.DEFAULTS));

    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(api.calls).containsExactly("search fraud-detector", "run r3");
  }

  @Test
  void aRunFailureAmongMissesIsUnknownBecauseThatRunMightHaveCounted() {
    StubMlflow api = new StubMlflow() {
      @Override
      public Answer<Run> run(String runId) {
        calls.add("run " + runId);
        return runId.equals("r2") ? Answer.failed("timed out after 5s") : Answer.ok(new Run(runId, "RUNNING", 1, 1, Map.of(), List.of()));
      }
    };
    api.versions = Answer.ok(List.of(version("3", "r3"), version("2", "r2")));

    Evidence e = new ExperimentTrackingProbe().evaluate(context(only("team-registry", api, new ArrayList<>()), ProbeSettings.DEFAULTS));

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).isEqualTo("MLflow runs/get failed: timed out after 5s");
  }

  @Test
  void answersWithEveryFieldAbsentNeverBreakAProbe() {
    StubMlflow api = new StubMlflow();
    ModelVersion empty = new ModelVersion(null, null, null, null, null, null, null, null);
    api.model = Answer.ok(new RegisteredModel(null, null, null, null));
    api.versions = Answer.ok(Arrays.asList(empty, empty));
    api.alias = Answer.ok(empty);
    api.run = Answer.ok(new Run(null, null, 0, 0, null, null));
    ProbeContext ctx = context(only("team-registry", api, new ArrayList<>()), ProbeSettings.DEFAULTS);

    for (Probe p : RegistryProbes.all()) {
      Evidence e = p.evaluate(ctx);
      assertThat(e.state()).as(p.capability() + ": " + e.message()).isIn(CapabilityState.Missing, CapabilityState.Satisfied);
    }
    assertThat(new QualityGateProbe().evaluate(ctx).state()).isEqualTo(CapabilityState.Missing);
    assertThat(new RegisteredModelProbe().evaluate(ctx).state()).isEqualTo(CapabilityState.Missing);
  }

  @Test
  void dataVersioningNeedsBothADigestAndASource() {
    StubMlflow api = new StubMlflow();
    api.alias = Answer.ok(version("4", "r4"));
    api.run = Answer.ok(new Run("r4", "FINISHED", 1, 1, Map.of(),
        List.of(new DatasetInput("a", "d1", " "), new DatasetInput("b", null, "s3://x"), new DatasetInput("c", "d3", "s3://lake/c@v1"))));

    Evidence e = new DataVersioningProbe().evaluate(context(only("team-registry", api, new ArrayList<>()), ProbeSettings.DEFAULTS));

    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).anyMatch(r -> r.equals("mlflow runs/get r4 dataset c digest d3"));
  }

  @ParameterizedTest
  @CsvSource({
      "models:/fraud-detector/latest, true",
      "s3://models/fraud/LATEST/, true",
      "gs://models/fraud/latest//, true",
      "models:/fraud-detector/7, false",
      "models:/fraud-detector@champion, false",
      "s3://models/fraud/latest-good/v3, false",
      "s3://mlflow/3/5f1c/artifacts/model, false"})
  void recognisesAFloatingStorageUri(String uri, boolean floating) {
    assertThat(ModelVersioningProbe.floating(uri)).isEqualTo(floating);
  }

  private static ModelVersion version(String v, String runId) {
    return new ModelVersion("fraud-detector", v, "READY", runId, null, null, Long.parseLong(v), Map.of());
  }
}
