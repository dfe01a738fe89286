package dev.mlops.maturity.fixes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.pipeline.DriftTriggeredRetrainingProbe;
import dev.mlops.maturity.probe.pipeline.ScheduledRetrainingProbe;
import dev.mlops.maturity.probe.platform.RightSizingProbe;
import dev.mlops.maturity.probe.prometheus.HealthMonitoringProbe;
import dev.mlops.maturity.probe.serving.CanaryDeploymentProbe;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Each fix kind against the probe it targets: the probe says Missing, the fix's manifests are applied
 * (replacing objects of the same identity, stamped with a creationTimestamp as an API server does), and
 * the same probe says Satisfied. Where the cluster lacks what a fix needs, the fix says so instead.
 */
class FixThenProbeTest {
  static final WorkloadTarget TARGET = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(), "fraud-detector",
      "default", "default", Duration.ofMinutes(1));

  // shapes follow examples/demo/cluster/30-fraud-level2.yaml (Argo Workflows, apps/v1 upstream examples)
  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: fraud-detector, namespace: fraud, labels: {app: fraud-detector, app.kubernetes.io/part-of: fraud-detector}}
      spec:
        replicas: 3
        selector: {matchLabels: {app: fraud-detector}}
        template:
          metadata: {labels: {app: fraud-detector, app.kubernetes.io/part-of: fraud-detector}}
          spec:
            containers:
            - name: server
              image: ghcr.io/example/fraud-detector:1.0
              ports: [{name: http, containerPort: 8000}, {name: http-metrics, containerPort: 8080}]
      """;
  static final String TEMPLATE = """
      apiVersion: argoproj.io/v1alpha1
      kind: WorkflowTemplate
      metadata: {name: fraud-detector-train, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
      spec:
        entrypoint: train
        templates:
        - name: train
          container: {image: ghcr.io/example/fraud-train:1.4.0, command: [python, train.py]}
      """;

  private final List<GenericKubernetesResource> objects = new ArrayList<>();
  private final List<ResourceKind> notInstalled = new ArrayList<>();

  @Test
  void serviceMonitorAndServiceMakeHealthMonitoringSatisfied() {
    given(DEPLOYMENT);
    Suggestion s = fixThenProbe(new ServiceMonitorFix(), new HealthMonitoringProbe());
    assertThat(s.manifests()).extracting(FixManifest::describe).containsExactly("Service fraud/fraud-detector", "ServiceMonitor fraud/fraud-detector");
    assertThat(FixesReport.toYaml(s.manifests().get(0).object())).contains("name: metrics", "port: 8080", "targetPort: http-metrics");
  }

  @Test
  void anExistingServiceGetsOnlyAServiceMonitorOnItsMetricsPort() {
    given(DEPLOYMENT, """
        apiVersion: v1
        kind: Service
        metadata: {name: fraud-detector, namespace: fraud, labels: {app: fraud-detector}}
        spec:
          selector: {app: fraud-detector}
          ports: [{name: http, port: 80, targetPort: http}, {name: http-metrics, port: 8080, targetPort: http-metrics}]
        """);
    Suggestion s = fixThenProbe(new ServiceMonitorFix(), new HealthMonitoringProbe());
    assertThat(s.manifests()).singleElement().satisfies(m -> assertThat(FixesReport.toYaml(m.object())).contains("port: http-metrics"));
  }

  @Test
  void withoutThePrometheusOperatorTheMonitorFixSaysSo() {
    given(DEPLOYMENT);
    notInstalled.add(KindCatalogue.SERVICE_MONITOR);
    Suggestion s = new ServiceMonitorFix().suggest(context("health-monitoring", null));
    assertThat(s.remedy()).isEqualTo(Remedy.CLUSTER_LACKS);
    assertThat(s.message()).contains("Prometheus Operator is not installed");
  }

  @Test
  void aCronWorkflowOfTheTrainingTemplateMakesScheduledRetrainingSatisfied() {
    given(DEPLOYMENT, TEMPLATE);
    Suggestion s = fixThenProbe(new RetrainingScheduleFix(), new ScheduledRetrainingProbe());
    assertThat(s.manifests()).singleElement().satisfies(m -> {
      assertThat(m.object().getKind()).isEqualTo("CronWorkflow");
      assertThat(FixesReport.toYaml(m.object())).contains("name: fraud-detector-train", "Forbid");
    });
  }

  @Test
  void aCronJobOfTheTrainingJobWhenTheTeamTrainsWithJobs() {
    given(DEPLOYMENT, """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: fraud-train, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec:
          selector: {matchLabels: {batch.kubernetes.io/controller-uid: 1a2b}}
          template:
            metadata: {labels: {batch.kubernetes.io/controller-uid: 1a2b, job-name: fraud-train}}
            spec:
              restartPolicy: Never
              containers: [{name: train, image: ghcr.io/example/fraud-train:1.4.0}]
        """);
    Suggestion s = fixThenProbe(new RetrainingScheduleFix(), new ScheduledRetrainingProbe());
    String yaml = FixesReport.toYaml(s.manifests().get(0).object());
    assertThat(yaml).contains("kind: CronJob", "restartPolicy: Never").doesNotContain("controller-uid", "job-name");
  }

  @Test
  void aSuspendedCronWorkflowIsResumedNotDuplicated() {
    given(DEPLOYMENT, TEMPLATE, """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: fraud-detector-nightly, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec:
          schedules: ["0 2 * * *"]
          suspend: true
          workflowSpec: {workflowTemplateRef: {name: fraud-detector-train}}
        """);
    Suggestion s = new RetrainingScheduleFix().suggest(context("scheduled-retraining", null));
    assertThat(s.remedy()).isEqualTo(Remedy.MANIFESTS);
    GenericKubernetesResource cron = s.manifests().get(0).object();
    assertThat(cron.getMetadata().getName()).isEqualTo("fraud-detector-nightly");
    assertThat(FixContext.spec(cron)).doesNotContainKey("suspend").containsKey("schedules");
  }

  @Test
  void withoutATrainingTemplateThereIsNothingToSchedule() {
    given(DEPLOYMENT);
    Suggestion s = new RetrainingScheduleFix().suggest(context("scheduled-retraining", null));
    assertThat(s.remedy()).isEqualTo(Remedy.CLUSTER_LACKS);
    assertThat(s.message()).contains("no training template found");
    notInstalled.add(KindCatalogue.WORKFLOW_TEMPLATE);
    assertThat(new RetrainingScheduleFix().suggest(context("scheduled-retraining", null)).message()).contains("Argo Workflows is not installed");
  }

  @Test
  void theDriftChainMakesDriftTriggeredRetrainingSatisfied() {
    given(DEPLOYMENT, TEMPLATE);
    Suggestion s = fixThenProbe(new DriftRetrainingFix(), new DriftTriggeredRetrainingProbe());
    assertThat(s.manifests()).extracting(m -> m.object().getKind()).containsExactly("PrometheusRule", "EventSource", "Sensor");
    assertThat(FixesReport.toYaml(s.manifests().get(0).object())).contains("mlops_trigger: drift");
  }

  @Test
  void theDriftChainReusesAnExistingWebhookEventSource() {
    given(DEPLOYMENT, TEMPLATE, """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: team-alerts, namespace: fraud}
        spec:
          webhook:
            anomalies: {port: "13000", endpoint: /anomalies, method: POST}
        """);
    Suggestion s = fixThenProbe(new DriftRetrainingFix(), new DriftTriggeredRetrainingProbe());
    assertThat(s.manifests()).extracting(m -> m.object().getKind()).containsExactly("PrometheusRule", "Sensor");
    assertThat(s.manifests().get(0).comments()).anyMatch(c -> c.contains("team-alerts-eventsource-svc.fraud.svc:13000/anomalies"));
  }

  @Test
  void withoutArgoEventsTheDriftChainSaysSo() {
    given(DEPLOYMENT, TEMPLATE);
    notInstalled.add(KindCatalogue.SENSOR);
    Suggestion s = new DriftRetrainingFix().suggest(context("drift-triggered-retraining", null));
    assertThat(s.remedy()).isEqualTo(Remedy.CLUSTER_LACKS);
    assertThat(s.message()).contains("Sensor is not installed");
  }

  @Test
  void aBlueGreenRolloutGetsACanaryStrategy() {
    given(DEPLOYMENT, """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: fraud-detector, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec:
          replicas: 3
          workloadRef: {apiVersion: apps/v1, kind: Deployment, name: fraud-detector}
          strategy:
            blueGreen: {activeService: fraud-detector, previewService: fraud-detector-preview}
        status: {phase: Healthy}
        """);
    Suggestion s = fixThenProbe(new CanaryFix(), new CanaryDeploymentProbe());
    GenericKubernetesResource rollout = s.manifests().get(0).object();
    assertThat(FixesReport.toYaml(rollout)).contains("setWeight: 10").doesNotContain("blueGreen", "phase");
  }

  @Test
  void aKnativeInferenceServiceGetsACanaryTrafficPercentAndAStandardOneNeedsAPerson() {
    String isvc = """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: fraud-detector, namespace: fraud, annotations: {serving.kserve.io/deploymentMode: %s}}
        spec:
          predictor:
            model: {modelFormat: {name: sklearn}, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model"}
        """;
    given(isvc.formatted("Knative"));
    Suggestion s = fixThenProbe(new CanaryFix(), new CanaryDeploymentProbe());
    assertThat(FixesReport.toYaml(s.manifests().get(0).object())).contains("canaryTrafficPercent: 10");
    objects.clear();
    given(isvc.formatted("Standard"));
    Suggestion standard = new CanaryFix().suggest(context("canary-deployment", null));
    assertThat(standard.remedy()).isEqualTo(Remedy.NEEDS_HUMAN);
    assertThat(standard.message()).contains("ignores canaryTrafficPercent");
  }

  @Test
  void aPlainDeploymentIsTakenOverByACanaryRollout() {
    given(DEPLOYMENT);
    Suggestion s = fixThenProbe(new CanaryFix(), new CanaryDeploymentProbe());
    assertThat(FixesReport.toYaml(s.manifests().get(0).object())).contains("workloadRef", "scaleDown: progressively");
  }

  @Test
  void anInPlaceOrRecreateVpaMakesRightSizingSatisfiedAndExplainsItsDisruption() {
    given(DEPLOYMENT);
    Suggestion s = fixThenProbe(new RightSizingFix(), new RightSizingProbe());
    FixManifest vpa = s.manifests().get(0);
    assertThat(FixesReport.toYaml(vpa.object())).contains("updateMode: InPlaceOrRecreate", "name: fraud-detector");
    assertThat(String.join(" ", vpa.comments())).contains("evicts and recreates", "updateMode: \"Off\"", "right-sizing: unlocks level 4 (Optimized)");
    notInstalled.add(KindCatalogue.VPA);
    assertThat(new RightSizingFix().suggest(context("right-sizing", null)).remedy()).isEqualTo(Remedy.CLUSTER_LACKS);
  }

  private void given(String... yaml) {
    for (String y : yaml) {
      objects.add(Serialization.unmarshal(y, GenericKubernetesResource.class));
    }
  }

  private InMemoryClusterView view() {
    InMemoryClusterView view = new InMemoryClusterView();
    objects.forEach(view::add);
    notInstalled.forEach(view::notInstalled);
    return view;
  }

  private FixContext context(String capability, Evidence evidence) {
    return new FixContext(TARGET, view(), "mlops-5-level", capability, 4, "Optimized", List.of(), evidence);
  }

  private Evidence probe(Probe probe) {
    return probe.evaluate(new ProbeContext(TARGET, view(), ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
  }

  /** Missing before, the fix's manifests applied, Satisfied after. */
  private Suggestion fixThenProbe(Fix fix, Probe probe) {
    Evidence before = probe(probe);
    assertThat(before.state()).as(before.message()).isEqualTo(CapabilityState.Missing);
    Suggestion s = fix.suggest(context(fix.capability(), before));
    assertThat(s.remedy()).as(s.message()).isEqualTo(Remedy.MANIFESTS);
    for (FixManifest m : s.manifests()) {
      GenericKubernetesResource o = Serialization.unmarshal(FixesReport.toYaml(m.object()), GenericKubernetesResource.class);
      UpstreamCrds.of(o.getKind()).ifPresent(schema -> assertThat(schema.validate(o)).as(m.describe() + " against its upstream CRD").isEmpty());
      assertThat(o.getMetadata().getAnnotations()).containsEntry(FixContext.SUGGESTED_FOR, fix.capability());
      assertThat(o.getAdditionalProperties()).doesNotContainKey("status");
      objects.removeIf(e -> Objects.equals(e.getKind(), o.getKind()) && Objects.equals(e.getApiVersion(), o.getApiVersion())
          && Objects.equals(e.getMetadata().getNamespace(), o.getMetadata().getNamespace())
          && Objects.equals(e.getMetadata().getName(), o.getMetadata().getName()));
      // the API server stamps creation time: a new schedule counts from then
      o.getMetadata().setCreationTimestamp(ScenarioAssertions.FIXED.instant().toString());
      objects.add(o);
    }
    Evidence after = probe(probe);
    assertThat(after.state()).as(after.message()).isEqualTo(CapabilityState.Satisfied);
    return s;
  }
}
