package dev.mlops.maturity.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.testing.ExercisedJudge;
import dev.mlops.maturity.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** training-pipeline records its newest successful run, and exercisedWithin judges it (fixtures under exercised/). */
class ExercisedTrainingTest {
  static InMemoryClusterView fixture(String file) throws IOException {
    return new InMemoryClusterView().addYaml(Files.readString(Path.of("src/test/resources/exercised", file)));
  }

  static Evidence probe(InMemoryClusterView cluster, TestClock clock) {
    return new TrainingPipelineProbe().evaluate(new ProbeContext(PipelineProbesTest.FRAUD, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, clock));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "argo-training-runs.yaml, 2026-11-20T02:41:17Z, argoproj.io/Workflow fraud/fraud-train-7x2kq",
      "tekton-training-runs.yaml, 2026-11-19T03:25:31Z, tekton.dev/PipelineRun fraud/fraud-train-run-b5k8d",
      "trainjob-runs.yaml, 2026-11-18T06:30:00Z, trainer.kubeflow.org/TrainJob fraud/fraud-train-20261118"})
  void theNewestSuccessfulRunHoldsWithinTheWindowAndNotAfterIt(String file, String succeeded, String run) throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(fixture(file), clock);

    // the newer failed run does not count
    assertThat(seen.state()).as(seen.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isEqualTo(Instant.parse(succeeded));
    assertThat(seen.exercise().run()).isEqualTo(run);

    Evidence fresh = ExercisedJudge.judged(seen, "14d", clock);
    assertThat(fresh.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(fresh.message()).contains("exercised " + succeeded);

    clock.advance(Duration.ofDays(20));
    Evidence stale = ExercisedJudge.judged(probe(fixture(file), clock), "14d", clock);
    assertThat(stale.state()).isEqualTo(CapabilityState.Missing);
    assertThat(stale.message()).startsWith("configured, not exercised since " + succeeded).contains("exercisedWithin 14d");
  }

  @Test
  void aPipelineWhoseRunsAllFailedWasNeverExercised() throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(fixture("argo-training-failed-only.yaml"), clock);

    assertThat(seen.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isNull();
    Evidence judged = ExercisedJudge.judged(seen, "14d", clock);
    assertThat(judged.state()).isEqualTo(CapabilityState.Missing);
    assertThat(judged.message()).startsWith("configured, never exercised");
  }

  @Test
  void runsThatCannotBeReadLeaveItUnknownNotMissing() throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(fixture("argo-training-runs.yaml").forbidden(KindCatalogue.WORKFLOW), clock);

    assertThat(seen.state()).isEqualTo(CapabilityState.Satisfied);
    Evidence judged = ExercisedJudge.judged(seen, "14d", clock);
    assertThat(judged.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(judged.message()).contains("cannot be read").contains("403");
  }
}
