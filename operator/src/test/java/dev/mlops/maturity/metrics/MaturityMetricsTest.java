package dev.mlops.maturity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.LevelEvaluator;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaturityMetricsTest {
  private static final MaturityModelDefinition MODEL = new MaturityModelDefinition("test-model", "", List.of(
      new Level(0, "Manual", "", List.of(), List.of()),
      new Level(1, "Served", "", List.of(Requirement.of("health-monitoring")), List.of()),
      new Level(2, "Retrained", "", List.of(Requirement.of("scheduled-retraining")), List.of())), Set.of());

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MaturityMetrics metrics = new MaturityMetrics(registry);

  private static LevelOutcome assessment(CapabilityState schedule, int target) {
    return LevelEvaluator.evaluate(MODEL, Map.of(
        "health-monitoring", Evidence.satisfied("health-monitoring", "ok", List.of()),
        "scheduled-retraining", new Evidence("scheduled-retraining", schedule, null, List.of(), "")), target, PreviousEvaluation.NONE);
  }

  @Test
  void publishesTheArchitectureNamesWithBoundedLabels() {
    metrics.evaluated("team-a", "fraud", assessment(CapabilityState.Missing, 2), Instant.ofEpochSecond(1_700_000_000));

    String text = registry.scrape();

    assertThat(text)
        .contains("mlops_maturity_observed_level{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0")
        .contains("mlops_maturity_target_level{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 2.0")
        .contains("mlops_maturity_target_met{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 0.0")
        .contains("mlops_maturity_level_gap{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0")
        .contains("mlops_maturity_capability_satisfied{capability=\"health-monitoring\",model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0")
        .contains("mlops_maturity_capability_satisfied{capability=\"scheduled-retraining\",model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 0.0")
        .contains("mlops_maturity_level_regressions_total{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 0.0")
        .contains("mlops_maturity_last_evaluation_timestamp_seconds{namespace=\"team-a\",target=\"fraud\"} 1.7E9")
        .contains("mlops_maturity_evaluation_duration_seconds_bucket");
  }

  @Test
  void anUnknownCapabilityHasNoSeries() {
    metrics.evaluated("team-a", "fraud", assessment(CapabilityState.Satisfied, 2), Instant.now());
    metrics.evaluated("team-a", "fraud", assessment(CapabilityState.Unknown, 2), Instant.now());

    assertThat(registry.scrape()).doesNotContain("capability=\"scheduled-retraining\"").contains("capability=\"health-monitoring\"");
  }

  @Test
  void regressionsAreCountedPerTarget() {
    metrics.evaluated("team-a", "fraud", assessment(CapabilityState.Satisfied, 2), Instant.now());
    metrics.regressed("team-a", "fraud", "test-model");
    metrics.regressed("team-a", "fraud", "test-model");

    assertThat(registry.scrape()).contains("mlops_maturity_level_regressions_total{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 2.0");
  }

  @Test
  void aRemovedTargetLeavesNoSeriesButOthersStay() {
    metrics.evaluated("team-a", "fraud", assessment(CapabilityState.Satisfied, 2), Instant.now());
    metrics.evaluated("team-b", "churn", assessment(CapabilityState.Satisfied, 1), Instant.now());
    metrics.regressed("team-a", "fraud", "test-model");

    metrics.removed("team-a", "fraud");

    assertThat(registry.scrape()).doesNotContain("target=\"fraud\"").contains("target=\"churn\"");
  }

  @Test
  void probeErrorsAndGpuUtilisationAreExported() {
    metrics.probeError("gpu-utilisation");
    metrics.gpuUtilisation(0.42);

    assertThat(registry.scrape())
        .contains("mlops_maturity_probe_errors_total{probe=\"gpu-utilisation\"} 1.0")
        .contains("mlops_maturity_platform_gpu_utilisation_ratio 0.42");
  }

  @Test
  void degradedFollowsTheConditionAndGoesWithTheTarget() {
    metrics.evaluated("team-a", "fraud", assessment(CapabilityState.Satisfied, 2), false, Instant.now());
    assertThat(registry.scrape()).contains("mlops_maturity_degraded{namespace=\"team-a\",target=\"fraud\"} 0.0");

    metrics.evaluated("team-a", "fraud", assessment(CapabilityState.Unknown, 2), true, Instant.now());
    assertThat(registry.scrape()).contains("mlops_maturity_degraded{namespace=\"team-a\",target=\"fraud\"} 1.0");

    metrics.removed("team-a", "fraud");
    assertThat(registry.scrape()).doesNotContain("mlops_maturity_degraded{");
  }

  @Test
  void theRegressionCounterExistsAtZeroFromTheFirstEvaluation() {
    assertThat(registry.scrape()).doesNotContain("mlops_maturity_level_regressions_total{");

    metrics.evaluated("team-b", "churn", assessment(CapabilityState.Satisfied, 2), Instant.now());

    assertThat(registry.scrape())
        .contains("mlops_maturity_level_regressions_total{model=\"test-model\",namespace=\"team-b\",target=\"churn\"} 0.0");
  }

  @Test
  void probeErrorCountersStartAtZeroForEveryProbeAndStayBounded() {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MaturityMetrics m = new MaturityMetrics(r, List.of("health-monitoring", "scheduled-retraining"));

    assertThat(r.scrape())
        .contains("mlops_maturity_probe_errors_total{probe=\"health-monitoring\"} 0.0")
        .contains("mlops_maturity_probe_errors_total{probe=\"scheduled-retraining\"} 0.0");

    m.probeErrors(assessment(CapabilityState.Unknown, 2));
    m.probeErrors(assessment(CapabilityState.Unknown, 2));
    m.probeErrors(assessment(CapabilityState.Missing, 2));
    m.probeError("not-a-probe");

    assertThat(r.scrape())
        .contains("mlops_maturity_probe_errors_total{probe=\"health-monitoring\"} 0.0")
        .contains("mlops_maturity_probe_errors_total{probe=\"scheduled-retraining\"} 2.0")
        .doesNotContain("not-a-probe");
  }

  @Test
  void declaredUnknownEvidenceIsNotAProbeError() {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MaturityMetrics m = new MaturityMetrics(r, List.of("scheduled-retraining"));
    LevelOutcome declared = LevelEvaluator.evaluate(MODEL, Map.of(
        "health-monitoring", Evidence.satisfied("health-monitoring", "ok", List.of()),
        "scheduled-retraining", new Evidence("scheduled-retraining", CapabilityState.Unknown, dev.mlops.maturity.evidence.Source.DECLARED,
            List.of(), "")), 2, PreviousEvaluation.NONE);

    m.probeErrors(declared);

    assertThat(r.scrape()).contains("mlops_maturity_probe_errors_total{probe=\"scheduled-retraining\"} 0.0");
  }

  @Test
  void anUnknownGpuUtilisationRemovesTheSeriesInsteadOfReportingZero() {
    metrics.gpuUtilisation(java.util.OptionalDouble.of(0.8));
    assertThat(registry.scrape()).contains("mlops_maturity_platform_gpu_utilisation_ratio 0.8");

    metrics.gpuUtilisation(java.util.OptionalDouble.empty());
    assertThat(registry.scrape()).doesNotContain("mlops_maturity_platform_gpu_utilisation_ratio");

    metrics.gpuUtilisation(java.util.OptionalDouble.of(0.35));
    assertThat(registry.scrape()).contains("mlops_maturity_platform_gpu_utilisation_ratio 0.35");
  }

  private static LevelOutcome governed(CapabilityState schedule, dev.mlops.maturity.evaluation.Governance governance) {
    return LevelEvaluator.evaluate(MODEL, new dev.mlops.maturity.evaluation.GovernedEvidence(Map.of(
        "health-monitoring", Evidence.satisfied("health-monitoring", "ok", List.of()),
        "scheduled-retraining", new Evidence("scheduled-retraining", schedule, dev.mlops.maturity.evidence.Source.DECLARED, List.of(), "")),
        governance), 2, PreviousEvaluation.NONE);
  }

  @Test
  void provenLevelViolationsAndTheExpiryOfAHoldingExceptionArePublishedAndTheExpiryGoesWhenItNoLongerHolds() {
    var held = new dev.mlops.maturity.evaluation.ExceptionDecision("scheduled-retraining", dev.mlops.maturity.evaluation.EntryKind.WAIVER,
        "spec.waivers[0]", "fraud-schedule", dev.mlops.maturity.evaluation.ExceptionEffect.Held, "2027-01-31", "approved");
    var refused = new dev.mlops.maturity.evaluation.PolicyViolation("spec.notApplicable[0]", "health-monitoring", "refused");
    metrics.evaluated("team-a", "fraud", governed(CapabilityState.Waived,
        new dev.mlops.maturity.evaluation.Governance(List.of(refused), List.of(held))), Instant.now());

    assertThat(registry.scrape())
        .contains("mlops_maturity_observed_level{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 2.0")
        .contains("mlops_maturity_proven_level{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0")
        .contains("mlops_maturity_policy_violations{namespace=\"team-a\",target=\"fraud\"} 1.0")
        .contains("mlops_maturity_exception_expiry_timestamp_seconds{capability=\"scheduled-retraining\",exception=\"fraud-schedule\","
            + "kind=\"waiver\",namespace=\"team-a\",target=\"fraud\"} 1.80144E9");

    var expired = new dev.mlops.maturity.evaluation.ExceptionDecision("scheduled-retraining", dev.mlops.maturity.evaluation.EntryKind.WAIVER,
        "spec.waivers[0]", "fraud-schedule", dev.mlops.maturity.evaluation.ExceptionEffect.Expired, "2027-01-31", "expired");
    metrics.evaluated("team-a", "fraud", governed(CapabilityState.Missing,
        new dev.mlops.maturity.evaluation.Governance(List.of(), List.of(expired))), Instant.now());

    assertThat(registry.scrape()).doesNotContain("mlops_maturity_exception_expiry_timestamp_seconds{")
        .contains("mlops_maturity_policy_violations{namespace=\"team-a\",target=\"fraud\"} 0.0");
  }
}
