package dev.mlops.maturity.probe.serving;

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
import org.junit.jupiter.api.Test;

/** canary-deployment records its newest successful analysis (Argo Rollouts AnalysisRun, Flagger Canary), judged by exercisedWithin. */
class ExercisedCanaryTest {
  static InMemoryClusterView fixture(String file) throws IOException {
    return new InMemoryClusterView().addYaml(Files.readString(Path.of("src/test/resources/exercised", file)));
  }

  static Evidence probe(InMemoryClusterView cluster, TestClock clock) {
    return new CanaryDeploymentProbe().evaluate(new ProbeContext(ServingFixtures.FRAUD, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, clock));
  }

  @Test
  void theRolloutsNewestSuccessfulAnalysisRunHoldsWithinTheWindowAndNotAfterIt() throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(fixture("rollout-analysis-runs.yaml"), clock);

    // the last measurement of the Successful run; the newer Failed run and another Rollout's run do not count
    assertThat(seen.state()).as(seen.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isEqualTo(Instant.parse("2026-11-17T14:02:01Z"));
    assertThat(seen.exercise().run()).isEqualTo("argoproj.io/AnalysisRun fraud/fraud-detector-6b9c8f7d4-12-1");
    assertThat(ExercisedJudge.judged(seen, "7d", clock).state()).isEqualTo(CapabilityState.Satisfied);

    clock.advance(Duration.ofDays(3));
    Evidence stale = ExercisedJudge.judged(probe(fixture("rollout-analysis-runs.yaml"), clock), "7d", clock);
    assertThat(stale.state()).isEqualTo(CapabilityState.Missing);
    assertThat(stale.message()).startsWith("configured, not exercised since 2026-11-17T14:02:01Z by argoproj.io/AnalysisRun");
  }

  @Test
  void aFailedAnalysisRunAloneIsNeverExercised() throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    String yaml = Files.readString(Path.of("src/test/resources/exercised/rollout-analysis-runs.yaml"));
    // keep the Rollout and the Failed run (documents 1 and 3)
    String[] docs = yaml.split("\n---\n");
    Evidence seen = probe(new InMemoryClusterView().addYaml(docs[0] + "\n---\n" + docs[2]), clock);

    assertThat(seen.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isNull();
    assertThat(ExercisedJudge.judged(seen, "7d", clock).message()).startsWith("configured, never exercised");
  }

  @Test
  void analysisRunsThatCannotBeReadLeaveItUnknown() throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(fixture("rollout-analysis-runs.yaml").forbidden(KindCatalogue.ANALYSIS_RUN), clock);

    assertThat(seen.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(ExercisedJudge.judged(seen, "7d", clock).state()).isEqualTo(CapabilityState.Unknown);
  }

  @Test
  void aSucceededFlaggerCanaryCountsAtItsLastTransitionAndAFailedOneDoesNot() throws IOException {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence succeeded = probe(fixture("flagger-canary-succeeded.yaml"), clock);
    assertThat(succeeded.state()).as(succeeded.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(succeeded.lastExercised()).isEqualTo(Instant.parse("2026-11-16T11:20:00Z"));
    assertThat(ExercisedJudge.judged(succeeded, "14d", clock).state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(ExercisedJudge.judged(succeeded, "5d", clock).state()).isEqualTo(CapabilityState.Missing);

    Evidence failed = probe(fixture("flagger-canary-failed.yaml"), clock);
    assertThat(failed.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(failed.lastExercised()).isNull();
    assertThat(ExercisedJudge.judged(failed, "14d", clock).state()).isEqualTo(CapabilityState.Missing);
  }
}
