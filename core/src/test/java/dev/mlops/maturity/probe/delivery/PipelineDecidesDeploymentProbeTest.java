package dev.mlops.maturity.probe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.WorkloadTarget;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineDecidesDeploymentProbeTest {
  static final WorkloadTarget TARGET = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(),
      "fraud-detector", "default", "default", Duration.ofMinutes(5));

  static final String AUTOMATED_APP = """
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata: {name: fraud-serving, namespace: argocd}
      spec:
        source: {repoURL: "https://github.com/acme/ml-deploy.git", path: fraud}
        destination: {server: "https://kubernetes.default.svc", namespace: fraud}
        syncPolicy: {automated: {selfHeal: true}}
      status:
        resources:
        - {group: apps, version: v1, kind: Deployment, namespace: fraud, name: fraud-detector}
        history:
        - {id: 3, revision: abc, deployedAt: "2026-11-18T09:00:00Z", initiatedBy: {automated: true}}
      """;

  static String deployment(String manager, String time, String subresource) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: fraud-detector
          namespace: fraud
          labels: {app.kubernetes.io/part-of: fraud-detector}
          managedFields:
          - {manager: argocd-controller, operation: Apply, apiVersion: apps/v1, time: "2026-11-18T08:59:58Z", fieldsType: FieldsV1, fieldsV1: {}}
          - {manager: %s, operation: Update, apiVersion: apps/v1, time: "%s", fieldsType: FieldsV1, fieldsV1: {}%s}
        spec: {replicas: 1}
        """.formatted(manager, time, subresource == null ? "" : ", subresource: " + subresource);
  }

  static Evidence evaluate(InMemoryClusterView cluster) {
    return evaluate(cluster, new PipelineDecidesDeploymentProbe());
  }

  static Evidence evaluate(InMemoryClusterView cluster, PipelineDecidesDeploymentProbe probe) {
    return probe.evaluate(new ProbeContext(TARGET, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
  }

  static InMemoryClusterView cluster() {
    return new InMemoryClusterView().notInstalled(KindCatalogue.FLUX_KUSTOMIZATION).notInstalled(KindCatalogue.FLUX_HELM_RELEASE);
  }

  @Test
  void humanEditAfterTheLastAutomatedSyncDecidesDeployment() {
    Evidence e = evaluate(cluster().addYaml(AUTOMATED_APP).addYaml(deployment("kubectl-edit", "2026-11-19T10:00:00Z", null)));
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("kubectl-edit").contains("2026-11-19T10:00:00Z");
  }

  @Test
  void humanEditBeforeTheLastAutomatedSyncIsOverwrittenByGitOps() {
    Evidence e = evaluate(cluster().addYaml(AUTOMATED_APP).addYaml(deployment("kubectl-edit", "2026-11-17T10:00:00Z", null)));
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).anyMatch(r -> r.contains("argoproj.io/Application argocd/fraud-serving"));
  }

  @Test
  void statusWritesAreNotDeploymentDecisions() {
    Evidence e = evaluate(cluster().notInstalled(KindCatalogue.APPLICATION)
        .addYaml(deployment("kubectl-edit", "2026-11-19T10:00:00Z", "status")));
    assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("argocd-controller");
  }

  @Test
  void unclassifiedManagerIsUnknownUntilItIsListedAsAutomation() {
    InMemoryClusterView c = cluster().notInstalled(KindCatalogue.APPLICATION).addYaml(deployment("model-promoter", "2026-11-19T10:00:00Z", null));
    Evidence unknown = evaluate(c);
    assertThat(unknown.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(unknown.message()).contains("model-promoter");

    Evidence configured = evaluate(c, new PipelineDecidesDeploymentProbe(Set.of("model-promoter")));
    assertThat(configured.state()).isEqualTo(CapabilityState.Satisfied);
  }

  @Test
  void aManualSyncIsAHumanDecisionEvenThoughArgoCdWroteTheObject() {
    String manual = AUTOMATED_APP.replace("initiatedBy: {automated: true}", "initiatedBy: {username: bob}");
    Evidence e = evaluate(cluster().addYaml(manual).addYaml(deployment("argocd-controller", "2026-11-18T09:00:00Z", null)));
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("bob");
  }

  @Test
  void missingManagedFieldsAreNotKnownRatherThanMissing() {
    Evidence e = evaluate(cluster().notInstalled(KindCatalogue.APPLICATION).addYaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: fraud-detector, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        """));
    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).contains("not known");
  }

  @Test
  void classifiesManagers() {
    assertThat(LastWriter.classify("argocd-application-controller", LastWriter.DEFAULT_AUTOMATION)).isEqualTo(LastWriter.WriterKind.AUTOMATION);
    assertThat(LastWriter.classify("tekton-pipelines-controller", LastWriter.DEFAULT_AUTOMATION)).isEqualTo(LastWriter.WriterKind.AUTOMATION);
    assertThat(LastWriter.classify("argo-workflow-deploy-step", LastWriter.DEFAULT_AUTOMATION)).isEqualTo(LastWriter.WriterKind.AUTOMATION);
    assertThat(LastWriter.classify("kubectl", LastWriter.DEFAULT_AUTOMATION)).isEqualTo(LastWriter.WriterKind.HUMAN);
    assertThat(LastWriter.classify("kubectl-client-side-apply", LastWriter.DEFAULT_AUTOMATION)).isEqualTo(LastWriter.WriterKind.HUMAN);
    assertThat(LastWriter.classify("helm", LastWriter.DEFAULT_AUTOMATION)).isEqualTo(LastWriter.WriterKind.UNCLASSIFIED);
  }
}
