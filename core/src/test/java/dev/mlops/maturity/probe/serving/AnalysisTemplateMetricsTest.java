package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTemplateMetricsTest {

  private static GenericKubernetesResource template(String metrics, String dryRun) {
    return ServingFixtures.yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: checks, namespace: fraud}
        spec:
        %s  metrics:
        %s""".formatted(dryRun, metrics.indent(2)));
  }

  private static final String METRICS = """
      - name: success-rate
        successCondition: result[0] >= 0.95
        provider: {prometheus: {query: q}}
      - name: errors
        failureCondition: result[0] > 5
        provider: {prometheus: {query: q}}
      - name: latency
        failureLimit: "{{args.limit}}"
        provider: {prometheus: {query: q}}
      - name: informational
        provider: {prometheus: {query: q}}
      - name: unlimited
        failureCondition: result[0] > 5
        failureLimit: -1
        provider: {prometheus: {query: q}}
      """;

  @Test
  void metricsWithAFailureRuleCanFail() {
    assertThat(AnalysisTemplateMetrics.failing(template(METRICS, ""), List.of())).containsExactly("success-rate", "errors", "latency");
  }

  @Test
  void dryRunMetricsNeverFail() {
    assertThat(AnalysisTemplateMetrics.failing(template(METRICS, "  dryRun: [{metricName: errors}]\n"), List.of("succ.*")))
        .containsExactly("latency");
    assertThat(AnalysisTemplateMetrics.failing(template(METRICS, "  dryRun: [{metricName: \".*\"}]\n"), List.of())).isEmpty();
  }

  @Test
  void anInvalidDryRunPatternIsComparedLiterally() {
    assertThat(AnalysisTemplateMetrics.failing(template(METRICS, ""), List.of("[errors"))).containsExactly("success-rate", "errors", "latency");
  }
}
