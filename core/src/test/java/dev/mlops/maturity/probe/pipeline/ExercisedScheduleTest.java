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
import java.util.Arrays;
import java.util.stream.Collectors;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** scheduled-retraining records when its schedule's runs last succeeded, and exercisedWithin judges it. */
class ExercisedScheduleTest {
  static Evidence probe(InMemoryClusterView cluster, TestClock clock) {
    return new ScheduledRetrainingProbe().evaluate(
        new ProbeContext(PipelineProbesTest.FRAUD, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, clock));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "cron-schedule-runs.yaml, 2026-11-21T02:38:40Z, argoproj.io/Workflow fraud/fraud-nightly-1763776800",
      "cronjob-schedule-runs.yaml, 2026-11-20T03:41:00Z, batch/CronJob fraud/fraud-retrain"})
  void theNewestSuccessfulRunOfTheScheduleHoldsWithinTheWindowAndNotAfterIt(String file, String succeeded, String run) throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(ExercisedTrainingTest.fixture(file), clock);

    // the newer failed run, and another namespace's run, do not count
    assertThat(seen.state()).as(seen.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isEqualTo(Instant.parse(succeeded));
    assertThat(seen.exercise().run()).isEqualTo(run);
    assertThat(ExercisedJudge.judged(seen, "3d", clock).state()).isEqualTo(CapabilityState.Satisfied);
    Evidence stale = ExercisedJudge.judged(seen, "1d", clock);
    assertThat(stale.state()).isEqualTo(CapabilityState.Missing);
    assertThat(stale.message()).startsWith("configured, not exercised since " + succeeded);
  }

  @Test
  void aScheduleWhoseRunsAllFailedWasNeverExercisedAndUnreadableRunsAreUnknown() throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    String yaml = Files.readString(Path.of("src/test/resources/exercised/cron-schedule-runs.yaml"));
    String withoutTheSuccess = Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(d -> !d.contains("fraud-nightly-1763776800"))
        .collect(Collectors.joining("---\n"));
    Evidence seen = probe(new InMemoryClusterView().addYaml(withoutTheSuccess), clock);
    assertThat(seen.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(ExercisedJudge.judged(seen, "14d", clock).message()).startsWith("configured, never exercised");

    Evidence forbidden = probe(ExercisedTrainingTest.fixture("cron-schedule-runs.yaml").forbidden(KindCatalogue.WORKFLOW), clock);
    assertThat(ExercisedJudge.judged(forbidden, "14d", clock).state()).isEqualTo(CapabilityState.Unknown);
  }
}
