package dev.mlops.maturity.probe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.AlertRule;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.Sample;
import dev.mlops.maturity.testing.ExercisedJudge;
import dev.mlops.maturity.testing.TestClock;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** drift-monitoring records when Prometheus last evaluated a healthy drift alert of the namespace ({@code /api/v1/rules} lastEvaluation). */
class ExercisedDriftAlertTest {
  static final WorkloadTarget FRAUD = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(), "fraud-detector",
      "default", "default", Duration.ofMinutes(5));
  static final String DRIFT_QUERY = "evidently:data_drift:share_drifted_features{namespace=\"fraud\"} > 0.3";

  static Evidence probe(FakePrometheusApi api, TestClock clock) {
    api.query("drift", new Sample(Map.of("__name__", "evidently:data_drift:share_drifted_features"), 1));
    return new DriftMonitoringProbe().evaluate(new ProbeContext(FRAUD, new InMemoryClusterView(), api.asDefault(), ProbeSettings.DEFAULTS, clock));
  }

  @Test
  void lastEvaluationIsParsedFromTheRulesApi() throws Exception {
    // the alerting-rule object of Prometheus docs/querying/api.md "Rules", with the lastEvaluation it reports
    var data = new ObjectMapper().readTree("""
        {"groups":[{"name":"fraud-drift","file":"/rules.yaml","interval":60,"limit":0,
          "evaluationTime":0.000266,"lastEvaluation":"2026-11-22T09:59:30.123456789Z",
          "rules":[{"alerts":[],"annotations":{"summary":"Feature drift"},"duration":600,
            "health":"ok","labels":{"severity":"warning"},"name":"FraudFeatureDrift",
            "query":"evidently:data_drift:share_drifted_features{namespace=\\"fraud\\"} > 0.3","type":"alerting",
            "evaluationTime":0.000181,"lastEvaluation":"2026-11-22T09:59:30.123456789Z"}]}]}""");

    assertThat(HttpPrometheusApi.rules(data)).extracting(AlertRule::lastEvaluation).containsExactly("2026-11-22T09:59:30.123456789Z");
  }

  @Test
  void aHealthyDriftAlertEvaluatedRecentlyHoldsAndAStaleOneDoesNot() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    FakePrometheusApi api = new FakePrometheusApi().rules(
        new AlertRule("fraud-drift", "FraudFeatureDrift", DRIFT_QUERY, "ok", Map.of(), "2026-11-22T09:59:30Z"),
        // another namespace's drift alert does not count
        new AlertRule("other", "OtherDrift", "drift_score{namespace=\"ads\"} > 1", "ok", Map.of(), "2026-11-22T09:59:59Z"));
    Evidence seen = probe(api, clock);

    assertThat(seen.state()).as(seen.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(seen.lastExercised()).isEqualTo(Instant.parse("2026-11-22T09:59:30Z"));
    assertThat(ExercisedJudge.judged(seen, "1h", clock).state()).isEqualTo(CapabilityState.Satisfied);

    clock.advance(Duration.ofHours(2));
    Evidence stale = ExercisedJudge.judged(probe(api, clock), "1h", clock);
    assertThat(stale.state()).isEqualTo(CapabilityState.Missing);
    assertThat(stale.message()).startsWith("configured, not exercised since 2026-11-22T09:59:30Z");
  }

  @Test
  void aDriftAlertThatFailsToEvaluateDoesNotCount() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    FakePrometheusApi api = new FakePrometheusApi().rules(
        new AlertRule("fraud-drift", "FraudFeatureDrift", DRIFT_QUERY, "err", Map.of(), "2026-11-22T09:59:30Z"));
    Evidence seen = probe(api, clock);

    assertThat(seen.lastExercised()).isNull();
    assertThat(ExercisedJudge.judged(seen, "1h", clock).message()).startsWith("configured, never exercised");
  }

  @Test
  void rulesThatCannotBeReadLeaveItUnknown() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    Evidence seen = probe(new FakePrometheusApi().rules(Answer.failed("prometheus default: HTTP 503")), clock);

    assertThat(seen.state()).isEqualTo(CapabilityState.Satisfied);
    Evidence judged = ExercisedJudge.judged(seen, "1h", clock);
    assertThat(judged.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(judged.message()).contains("HTTP 503");
  }
}
