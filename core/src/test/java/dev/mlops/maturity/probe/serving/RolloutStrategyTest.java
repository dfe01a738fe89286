package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutStrategyTest {

  private static RolloutStrategy canary(String canary) {
    return new RolloutStrategy(ServingFixtures.yaml(ServingFixtures.rollout(canary)));
  }

  @Test
  void keepsOnlyPartialSetWeightSteps() {
    RolloutStrategy s = canary("""
        steps:
        - setWeight: 0
        - setWeight: "10"
        - pause: {duration: 1h}
        - setCanaryScale: {weight: 50}
        - setWeight: 40
        - setWeight: 100
        """);
    assertThat(s.partialWeights()).containsExactly(10.0, 40.0);
  }

  @Test
  void headerAndMirrorRoutesNeedAMatchToCreateARoute() {
    RolloutStrategy s = canary("""
        trafficRouting:
          managedRoutes: [{name: beta}, {name: shadow}]
          istio: {virtualService: {name: fraud-detector}}
        steps:
        - setHeaderRoute: {name: beta, match: [{headerName: x-variant, headerValue: {exact: beta}}]}
        - setMirrorRoute: {name: shadow, percentage: "40", match: [{method: {exact: POST}}]}
        - setMirrorRoute: {name: shadow-off, percentage: 0, match: [{method: {exact: POST}}]}
        - setHeaderRoute: {name: beta}
        - setMirrorRoute: {name: shadow}
        """);
    assertThat(s.headerRoutes()).containsExactly("beta");
    assertThat(s.mirrorRoutes()).containsExactly("shadow (40%)");
    assertThat(s.trafficRouters()).containsExactly("istio");
  }

  @Test
  void collectsAnalysisTemplatesFromStepsBackgroundAndBlueGreen() {
    RolloutStrategy c = canary("""
        analysis:
          templates: [{templateName: error-budget, clusterScope: true}]
          dryRun: [{metricName: latency}]
        steps:
        - setWeight: 20
        - analysis: {templates: [{templateName: success-rate}, {templateName: latency}]}
        """);
    assertThat(c.analysisTemplates()).containsExactly(
        new RolloutStrategy.TemplateRef("success-rate", false, List.of()),
        new RolloutStrategy.TemplateRef("latency", false, List.of()),
        new RolloutStrategy.TemplateRef("error-budget", true, List.of("latency")));
    RolloutStrategy blueGreen = new RolloutStrategy(ServingFixtures.yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: fraud-detector, namespace: fraud}
        spec:
          strategy:
            blueGreen:
              activeService: active
              prePromotionAnalysis: {templates: [{templateName: smoke}]}
              postPromotionAnalysis: {templates: [{templateName: success-rate}]}
        """));
    assertThat(blueGreen.canary()).isFalse();
    assertThat(blueGreen.blueGreen()).isTrue();
    assertThat(blueGreen.analysisTemplates()).extracting(RolloutStrategy.TemplateRef::name).containsExactly("smoke", "success-rate");
  }

  @Test
  void recognisesAnAbortByFlagOrConditionReason() {
    String base = ServingFixtures.rollout("steps:\n- setWeight: 20\n");
    assertThat(new RolloutStrategy(ServingFixtures.yaml(base)).abort()).isEmpty();
    assertThat(new RolloutStrategy(ServingFixtures.yaml(base + "status:\n  abort: true\n")).abort()).contains("aborted (RolloutAborted)");
    String byReason = base + "status:\n  conditions:\n  - {type: Progressing, status: \"False\", reason: RolloutAborted}\n";
    assertThat(new RolloutStrategy(ServingFixtures.yaml(byReason)).abort()).contains("aborted (RolloutAborted)");
    String analysisFailed = base + "status:\n  abortedAt: \"2026-11-21T10:00:00Z\"\n  conditions:\n  - {type: Progressing, status: \"False\", reason: AnalysisRunFailed}\n";
    assertThat(new RolloutStrategy(ServingFixtures.yaml(analysisFailed)).abort()).contains("aborted (AnalysisRunFailed at 2026-11-21T10:00:00Z)");
    String healthy = base + "status:\n  abort: false\n  conditions:\n  - {type: Progressing, status: \"True\", reason: NewReplicaSetAvailable}\n";
    assertThat(new RolloutStrategy(ServingFixtures.yaml(healthy)).abort()).isEmpty();
  }
}
