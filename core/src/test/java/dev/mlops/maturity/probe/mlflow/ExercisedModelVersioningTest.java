package dev.mlops.maturity.probe.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import dev.mlops.maturity.testing.ExercisedJudge;
import dev.mlops.maturity.testing.TestClock;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * model-versioning records when the newest usable version was registered (model-versions/search
 * {@code creation_timestamp}, PROBES.md c.2); a FAILED_REGISTRATION version does not count.
 */
class ExercisedModelVersioningTest {
  static final WorkloadTarget FRAUD = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(), "fraud-detector",
      "default", "default", Duration.ofMinutes(5));

  static ModelVersion version(String v, String status, String created) {
    return new ModelVersion("fraud-detector", v, status, "run-" + v, "models:/m-" + v + "/", "ci-bot", Instant.parse(created).toEpochMilli(),
        Map.of());
  }

  static Evidence probe(List<ModelVersion> versions, TestClock clock) {
    RegistryProbesTest.StubMlflow api = new RegistryProbesTest.StubMlflow();
    api.versions = Answer.ok(versions);
    ExternalSources external = new ExternalSources() {
      @Override
      public Answer<PrometheusApi> prometheus(String endpointName) {
        return ExternalSources.NONE.prometheus(endpointName);
      }

      @Override
      public Answer<MlflowApi> mlflow(String endpointName) {
        return Answer.ok(api);
      }
    };
    return new ModelVersioningProbe().evaluate(new ProbeContext(FRAUD, new InMemoryClusterView(), external, ProbeSettings.DEFAULTS, clock));
  }

  @Test
  void theNewestRegisteredVersionHoldsWithinTheWindowAndNotAfterIt() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    List<ModelVersion> versions = List.of(
        version("9", "FAILED_REGISTRATION", "2026-11-21T08:00:00Z"),
        version("8", "READY", "2026-11-15T08:00:00Z"),
        version("7", "READY", "2026-10-01T08:00:00Z"));
    Evidence seen = probe(versions, clock);

    assertThat(seen.state()).as(seen.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isEqualTo(Instant.parse("2026-11-15T08:00:00Z"));
    assertThat(ExercisedJudge.judged(seen, "30d", clock).state()).isEqualTo(CapabilityState.Satisfied);

    clock.advance(Duration.ofDays(30));
    Evidence stale = ExercisedJudge.judged(probe(versions, clock), "30d", clock);
    assertThat(stale.state()).isEqualTo(CapabilityState.Missing);
    assertThat(stale.message()).startsWith("configured, not exercised since 2026-11-15T08:00:00Z");
  }

  @Test
  void onlyFailedRegistrationsAreNeverExercised() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(List.of(version("9", "FAILED_REGISTRATION", "2026-11-21T08:00:00Z"),
        version("8", "FAILED_REGISTRATION", "2026-11-20T08:00:00Z")), clock);

    assertThat(seen.state()).as(seen.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isNull();
    assertThat(ExercisedJudge.judged(seen, "30d", clock).state()).isEqualTo(CapabilityState.Missing);
  }
}
