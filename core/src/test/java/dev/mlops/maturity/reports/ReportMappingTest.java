package dev.mlops.maturity.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evaluation.LevelEvaluator;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.evidence.UnknownReason;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** An evaluation as an OpenReports Report: every capability state, severity by level, the summary, timestamps. */
class ReportMappingTest {
  private static final Instant NOW = Instant.parse("2026-12-04T10:15:30.000000500Z");
  private static final MaturityModelDefinition MODEL = new MaturityModelDefinition("test-5-level", "", List.of(
      new Level(0, "Manual", "", List.of(), List.of()),
      new Level(1, "Served", "", List.of(Requirement.of("health-monitoring")), List.of(Requirement.of("model-card"))),
      new Level(2, "Retrained", "", List.of(Requirement.of("scheduled-retraining")), List.of()),
      new Level(3, "Governed", "", List.of(Requirement.of("model-registry")), List.of()),
      new Level(4, "Automated", "", List.of(Requirement.of("gpu-scheduling"), Requirement.of("drift-detection")), List.of())),
      Set.of());

  private static final Map<String, Evidence> EVIDENCE = Map.of(
      "health-monitoring", Evidence.satisfied("health-monitoring", "ServiceMonitor scrapes fraud-api", List.of("ServiceMonitor/team-a/fraud-api")),
      "model-card", Evidence.missing("model-card", "no model card annotation"),
      "scheduled-retraining", Evidence.unknown("scheduled-retraining", UnknownReason.Forbidden, "cannot list CronWorkflows: forbidden"),
      "model-registry", new Evidence("model-registry", CapabilityState.Waived, Source.DECLARED, List.of(), "waived: registry migration until March"),
      "gpu-scheduling", new Evidence("gpu-scheduling", CapabilityState.NotApplicable, Source.DECLARED, List.of(), "not applicable: CPU-only model"),
      "drift-detection", Evidence.missing("drift-detection", "no drift monitor"));

  private static OpenReport report() {
    LevelOutcome outcome = LevelEvaluator.evaluate(MODEL, EVIDENCE, 3, PreviousEvaluation.NONE);
    return ReportMapping.of(outcome, NOW);
  }

  private static ReportResult result(OpenReport report, String capability) {
    return report.results().stream().filter(r -> capability.equals(r.rule())).findFirst().orElseThrow();
  }

  static Stream<Arguments> everyState() {
    return Stream.of(
        Arguments.of("health-monitoring", "pass", "Level 1: Served", "critical", "ServiceMonitor scrapes fraud-api"),
        Arguments.of("model-card", "warn", "Level 1: Served", "info", "no model card annotation"),
        Arguments.of("scheduled-retraining", "error", "Level 2: Retrained", "high", "cannot list CronWorkflows: forbidden"),
        Arguments.of("model-registry", "skip", "Level 3: Governed", "medium", "waived: registry migration until March"),
        Arguments.of("gpu-scheduling", "skip", "Level 4: Automated", "info", "not applicable: CPU-only model"),
        Arguments.of("drift-detection", "fail", "Level 4: Automated", "info", "no drift monitor"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyState")
  void eachCapabilityIsOneResultWithTheModelAsPolicyAndItsLevelAsCategory(String capability, String outcome, String category,
      String severity, String message) {
    ReportResult r = result(report(), capability);

    assertThat(r.policy()).isEqualTo("test-5-level");
    assertThat(r.source()).isEqualTo("mlops-maturity");
    assertThat(r.result()).isEqualTo(outcome);
    assertThat(r.category()).isEqualTo(category);
    assertThat(r.severity()).isEqualTo(severity);
    assertThat(r.message()).isEqualTo(message);
    assertThat(r.timestamp()).isEqualTo(new ResultTimestamp(NOW.getEpochSecond(), 500));
  }

  @Test
  void theReportHasOneResultPerCapabilityAndTheSummaryCountsThem() {
    OpenReport report = report();

    assertThat(report.source()).isEqualTo("mlops-maturity");
    assertThat(report.results()).extracting(ReportResult::rule).containsExactlyInAnyOrder(
        "health-monitoring", "model-card", "scheduled-retraining", "model-registry", "gpu-scheduling", "drift-detection");
    assertThat(report.summary()).isEqualTo(new ReportSummary(1, 1, 1, 1, 2));
  }

  @Test
  void propertiesCarryTheStateTheReasonAndTheEvidence() {
    OpenReport report = report();

    assertThat(result(report, "scheduled-retraining").properties())
        .containsEntry("state", "Unknown").containsEntry("unknownReason", "Forbidden").containsEntry("level", "2");
    assertThat(result(report, "model-registry").properties()).containsEntry("state", "Waived").containsEntry("evidenceSource", "declared");
    assertThat(result(report, "health-monitoring").properties()).containsEntry("evidence", "ServiceMonitor/team-a/fraud-api");
    assertThat(result(report, "model-card").properties()).containsEntry("recommended", "true");
    assertThat(result(report, "model-card").scored()).isFalse();
    assertThat(result(report, "drift-detection").scored()).isTrue();
  }

  @ParameterizedTest(name = "level {0}, target {1}, recommended {2}: {3}")
  @CsvSource({
      "0, 4, false, critical", "1, 4, false, critical", "2, 4, false, high", "3, 4, false, medium", "4, 4, false, low",
      "7, 9, false, low", "3, 2, false, info", "1, 4, true, info"})
  void severityFollowsTheLevelAndIsInfoBeyondTheTarget(int level, int target, boolean recommended, String severity) {
    assertThat(ResultSeverity.of(level, target, recommended)).isEqualTo(severity);
  }

  @Test
  void anUnchangedEvaluationIsTheSameReportAndKeepsWhenEachResultWasFound() {
    OpenReport first = report();
    OpenReport later = ReportMapping.of(LevelEvaluator.evaluate(MODEL, EVIDENCE, 3, PreviousEvaluation.NONE), NOW.plusSeconds(600));

    assertThat(later.sameAs(first)).isTrue();
    assertThat(later.since(first).results()).extracting(ReportResult::timestamp).containsOnly(ResultTimestamp.of(NOW));
  }

  @Test
  void aChangedResultIsADifferentReportAndOnlyItGetsTheNewTime() {
    OpenReport first = report();
    Map<String, Evidence> changed = new java.util.HashMap<>(EVIDENCE);
    changed.put("drift-detection", Evidence.satisfied("drift-detection", "drift monitor found", List.of()));
    Instant later = NOW.plusSeconds(600);
    OpenReport next = ReportMapping.of(LevelEvaluator.evaluate(MODEL, changed, 3, PreviousEvaluation.NONE), later).since(first);

    assertThat(next.sameAs(first)).isFalse();
    assertThat(result(next, "drift-detection").timestamp()).isEqualTo(ResultTimestamp.of(later));
    assertThat(result(next, "health-monitoring").timestamp()).isEqualTo(ResultTimestamp.of(NOW));
    assertThat(next.summary()).isEqualTo(new ReportSummary(2, 0, 1, 1, 2));
  }

  @Test
  void aSpecThatCannotBeEvaluatedIsOneErrorResultNamingTheProblem() {
    OpenReport report = ReportMapping.invalid("no-such-model",
        List.of(new SpecProblem("spec.model", "UnknownModel", "model no-such-model does not exist")), NOW);

    assertThat(report.results()).singleElement().satisfies(r -> {
      assertThat(r.result()).isEqualTo("error");
      assertThat(r.policy()).isEqualTo("no-such-model");
      assertThat(r.rule()).isEqualTo(ReportMapping.SPEC_RULE);
      assertThat(r.message()).isEqualTo("spec.model: model no-such-model does not exist");
      assertThat(r.properties()).containsEntry("reason", "UnknownModel");
    });
    assertThat(report.summary()).isEqualTo(new ReportSummary(0, 0, 0, 1, 0));
  }
}
