package dev.mlops.maturity.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.WorkloadTarget;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineProbesTest {
  static final WorkloadTarget FRAUD = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(),
      "fraud-detector", "default", "default", Duration.ofMinutes(5));

  static ProbeContext context(ClusterView cluster) {
    return new ProbeContext(FRAUD, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED);
  }

  static Evidence evaluate(Probe probe, String yaml) {
    return probe.evaluate(context(new InMemoryClusterView().addYaml(yaml)));
  }

  /** A view that remembers which kinds were listed. */
  static final class RecordingView implements ClusterView {
    final ClusterView delegate;
    final Set<ResourceKind> listed = new HashSet<>();

    RecordingView(ClusterView delegate) {
      this.delegate = delegate;
    }

    @Override
    public Listing list(ResourceKind kind, String namespace) {
      listed.add(kind);
      return delegate.list(kind, namespace);
    }
  }

  @Test
  void familyHasOneWorkloadProbePerCatalogueCapability() {
    List<Probe> probes = PipelineProbes.all();
    assertThat(probes).extracting(Probe::capability).doesNotHaveDuplicates().containsExactlyInAnyOrder(
        "orchestrator", "training-pipeline", "scheduled-retraining", "drift-triggered-retraining",
        "performance-triggered-retraining", "retrain-by-others");
    assertThat(probes).allSatisfy(p -> {
      assertThat(p.scope()).isEqualTo(Scope.WORKLOAD);
      assertThat(CapabilityCatalogue.find(p.capability())).map(c -> c.scope()).hasValue(Scope.WORKLOAD);
    });
  }

  static List<Scenario> scenarios() {
    return Scenario.under("pipeline");
  }

  /** The operator watches and the chart grants exactly reads(): a probe must never list a kind outside it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyListedKindIsDeclaredInReads(Scenario s) {
    for (Probe p : PipelineProbes.all()) {
      RecordingView view = new RecordingView(s.cluster());
      p.evaluate(new ProbeContext(s.target(), view, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
      assertThat(p.reads()).as("%s in %s", p.capability(), s.name()).containsAll(view.listed);
    }
  }

  @Test
  void malformedThirdPartyShapesNeverThrow() {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: odd, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: {schedules: "0 2 * * *", suspend: [true], workflowSpec: "inline"}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: t, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: [1, 2]
        ---
        apiVersion: kubeflow.org/v1beta1
        kind: ScheduledWorkflow
        metadata: {name: s, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: {enabled: {nested: true}, trigger: {cronSchedule: [], periodicSchedule: {intervalSecond: {}}}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: w, namespace: fraud, labels: {workflows.argoproj.io/workflow-template: t}}
        spec: {workflowTemplateRef: "t"}
        status: {phase: Succeeded, finishedAt: "yesterday"}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: x, namespace: fraud}
        spec: {dependencies: [null, "a", {eventSourceName: 5}], triggers: ["t", {template: {argoWorkflow: "submit"}}, {template: {k8s: {source: {resource: "kind: Workflow"}}}}]}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: 5, namespace: fraud}
        spec: {webhook: [1]}
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata: {name: r, namespace: fraud}
        spec: {groups: [{rules: ["x", {alert: Drift, labels: "drift"}, {alert: "", expr: drift}]}, "g"]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: fraud}
        subjects: [{kind: Group}, "User"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b2, namespace: fraud}
        roleRef: {kind: Role, name: r}
        subjects: [{kind: Group, name: ml}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: fraud}
        rules: [{verbs: "create", apiGroups: ["*"], resources: workflows}, "rule"]
        """;
    for (Probe p : PipelineProbes.all()) {
      assertThatCode(() -> assertThat(evaluate(p, yaml)).isNotNull()).as(p.capability()).doesNotThrowAnyException();
    }
  }

  @Test
  void malformedScheduleShapesAreNotSatisfied() {
    Evidence e = evaluate(new ScheduledRetrainingProbe(), """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: odd, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: {schedules: "0 2 * * *"}
        """);
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("argoproj.io/CronWorkflow fraud/odd has no schedule");
  }

  @Test
  void trainingRunReferencesAreTheThreeNewestWithinTheLookBack() {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: fraud-train, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: {entrypoint: train}
        """);
    String[] finished = {"2026-11-01T00:00:00Z", "2026-11-21T00:00:00Z", "2026-10-22T09:59:00Z", "2026-11-10T00:00:00Z",
        "2026-11-20T00:00:00Z", "2026-10-23T00:00:00Z"};
    for (int i = 0; i < finished.length; i++) {
      yaml.append("---\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: run-").append(i)
          .append(", namespace: fraud}\nspec: {workflowTemplateRef: {name: fraud-train}}\nstatus: {phase: Succeeded, finishedAt: '")
          .append(finished[i]).append("'}\n");
    }
    Evidence e = evaluate(new TrainingPipelineProbe(), yaml.toString());
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).containsExactly("argoproj.io/WorkflowTemplate fraud/fraud-train",
        "argoproj.io/Workflow fraud/run-1", "argoproj.io/Workflow fraud/run-4", "argoproj.io/Workflow fraud/run-3");
    assertThat(e.message()).contains("3+ recent successful runs");
  }

  @Test
  void aRunJustOutsideTheThirtyDayLookBackIsNotRecent() {
    Evidence e = evaluate(new TrainingPipelineProbe(), """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: fraud-train, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: {tasks: [{name: train, taskRef: {name: train}}]}
        ---
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: old, namespace: fraud}
        spec: {pipelineRef: {name: fraud-train}}
        status: {completionTime: '2026-10-23T09:59:59Z', conditions: [{type: Succeeded, status: 'True'}]}
        """);
    assertThat(e.references()).containsExactly("tekton.dev/Pipeline fraud/fraud-train");
    assertThat(e.message()).contains("no successful run in the last 30 days");
  }

  private static final String CHAIN = """
      apiVersion: argoproj.io/v1alpha1
      kind: WorkflowTemplate
      metadata: {name: fraud-train, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
      spec: {entrypoint: train}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: EventSource
      metadata: {name: alertmanager, namespace: fraud}
      spec: {webhook: {retrain: {port: "12000", endpoint: /retrain, method: POST}}}
      ---
      apiVersion: monitoring.coreos.com/v1
      kind: PrometheusRule
      metadata: {name: rules, namespace: fraud}
      spec: {groups: [{name: g, rules: [{alert: FraudFeatureDrift, expr: "x > 1", labels: {mlops.dev/trigger: drift}}]}]}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Sensor
      metadata: {name: retrain, namespace: fraud}
      spec:
        dependencies: [{name: alert, eventSourceName: alertmanager, eventName: EVENT}]
        triggers:
        - template:
            name: t
            argoWorkflow:
              operation: OPERATION
              source: {resource: RESOURCE}
      """;

  private static Evidence chain(String eventName, String operation, String resource) {
    return evaluate(new DriftTriggeredRetrainingProbe(),
        CHAIN.replace("EVENT", eventName).replace("OPERATION", operation).replace("RESOURCE", resource));
  }

  private static final String WORKFLOW_OF_TEMPLATE = "{apiVersion: argoproj.io/v1alpha1, kind: Workflow, spec: {workflowTemplateRef: {name: fraud-train}}}";

  @Test
  void chainHoldsForASubmitOfTheTrainingTemplate() {
    Evidence e = chain("retrain", "submit", WORKFLOW_OF_TEMPLATE);
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).containsExactly("monitoring.coreos.com/PrometheusRule fraud/rules alert FraudFeatureDrift",
        "argoproj.io/Sensor fraud/retrain", "argoproj.io/EventSource fraud/alertmanager");
  }

  @Test
  void chainHoldsForSubmitFromTheTrainingTemplate() {
    Evidence e = chain("retrain", "submit-from", "{apiVersion: argoproj.io/v1alpha1, kind: WorkflowTemplate, metadata: {name: fraud-train}}");
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("Sensor retrain -> WorkflowTemplate fraud-train");
  }

  @Test
  void aTriggerThatTerminatesWorkflowsDoesNotRetrain() {
    Evidence e = chain("retrain", "terminate", WORKFLOW_OF_TEMPLATE);
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("argoproj.io/Sensor fraud/retrain does not launch the workload's training");
  }

  @Test
  void aDependencyOnAnEventTheWebhookDoesNotServeIsNoLink() {
    Evidence e = chain("github-push", "submit", WORKFLOW_OF_TEMPLATE);
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("has no dependency on a webhook EventSource");
  }

  @Test
  void aWorkflowLabelledForTheWorkloadCountsWithoutATemplate() {
    Evidence e = chain("retrain", "submit",
        "{apiVersion: argoproj.io/v1alpha1, kind: Workflow, metadata: {labels: {app.kubernetes.io/part-of: fraud-detector}}, spec: {entrypoint: main}}");
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("Workflow labelled for the workload");
  }

  @Test
  void aSensorInAnotherNamespaceIsNotPartOfTheChain() {
    String moved = CHAIN.replace("EVENT", "retrain").replace("OPERATION", "submit").replace("RESOURCE", WORKFLOW_OF_TEMPLATE)
        .replace("metadata: {name: retrain, namespace: fraud}", "metadata: {name: retrain, namespace: platform}");
    Evidence e = evaluate(new DriftTriggeredRetrainingProbe(), moved);
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("no Sensor in the namespace");
  }

  @Test
  void sensorsThatCannotBeReadMakeTheChainUnknownWhenTheAlertExists() {
    InMemoryClusterView cluster = new InMemoryClusterView()
        .addYaml(CHAIN.replace("EVENT", "retrain").replace("OPERATION", "submit").replace("RESOURCE", WORKFLOW_OF_TEMPLATE))
        .forbidden(dev.mlops.maturity.probe.KindCatalogue.SENSOR);
    Evidence e = new DriftTriggeredRetrainingProbe().evaluate(context(cluster));
    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).isEqualTo("forbidden: cannot list sensors.argoproj.io (403)");
  }

  @Test
  void aRuleLabelledForAnotherTriggerIsNotADriftAlertEvenIfItsExpressionSaysDrift() {
    String yaml = CHAIN.replace("EVENT", "retrain").replace("OPERATION", "submit").replace("RESOURCE", WORKFLOW_OF_TEMPLATE)
        .replace("{alert: FraudFeatureDrift, expr: \"x > 1\", labels: {mlops.dev/trigger: drift}}",
            "{alert: FraudAucDrifting, expr: \"drift_adjusted_auc < 0.8\", labels: {mlops_trigger: performance}}");
    assertThat(evaluate(new DriftTriggeredRetrainingProbe(), yaml).state()).isEqualTo(CapabilityState.Missing);
    assertThat(evaluate(new PerformanceTriggeredRetrainingProbe(), yaml).state()).isEqualTo(CapabilityState.Satisfied);
  }

  @Test
  void distinctCreatorsAloneShowRetrainByOthers() {
    Evidence e = evaluate(new RetrainByOthersProbe(), """
        apiVersion: kubeflow.org/v1beta1
        kind: ScheduledWorkflow
        metadata: {name: nightly, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: {enabled: true}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: a, namespace: fraud, labels: {scheduledworkflows.kubeflow.org/scheduledWorkflowName: nightly, workflows.argoproj.io/creator: alice}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: b, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector, workflows.argoproj.io/creator: carol}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: c, namespace: fraud, labels: {workflows.argoproj.io/creator: mallory}}
        """);
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).containsExactly("kubeflow.org/ScheduledWorkflow fraud/nightly", "argoproj.io/Workflow fraud/a",
        "argoproj.io/Workflow fraud/b");
  }

  @Test
  void argoServerServiceAccountIsNotASecondCreator() {
    Evidence e = evaluate(new RetrainByOthersProbe(), """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: fraud-train, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: a, namespace: fraud, labels: {workflows.argoproj.io/workflow-template: fraud-train, workflows.argoproj.io/creator: alice}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: b
          namespace: fraud
          labels: {workflows.argoproj.io/workflow-template: fraud-train, workflows.argoproj.io/creator: system-serviceaccount-argo-argo-server}
        """);
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("only one creator ran it");
  }

  @Test
  void kfpRunsGrantByMultiUserAuthorisationCounts() {
    Evidence e = evaluate(new RetrainByOthersProbe(), """
        apiVersion: kubeflow.org/v1beta1
        kind: ScheduledWorkflow
        metadata: {name: nightly, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec: {enabled: true}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: kubeflow-pipelines-edit}
        rules: [{apiGroups: [pipelines.kubeflow.org], resources: [runs, experiments], verbs: ["*"]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: user-alice-clusterrole-edit, namespace: fraud}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kubeflow-pipelines-edit}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice@acme.example}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: user-bob-clusterrole-edit, namespace: fraud}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kubeflow-pipelines-edit}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: bob@acme.example}]
        """);
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("2 users (RBAC)");
    assertThat(e.references()).contains("rbac.authorization.k8s.io/RoleBinding fraud/user-alice-clusterrole-edit",
        "rbac.authorization.k8s.io/RoleBinding fraud/user-bob-clusterrole-edit");
  }

  @Test
  void clusterRolesThatCannotBeReadMakeRetrainByOthersUnknown() {
    InMemoryClusterView cluster = new InMemoryClusterView().addYaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: fraud-train, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: editors, namespace: fraud}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: ml-fraud-team}]
        """).forbidden(dev.mlops.maturity.probe.KindCatalogue.CLUSTER_ROLE);
    Evidence e = new RetrainByOthersProbe().evaluate(context(cluster));
    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).contains("cannot list clusterroles");
  }
}
