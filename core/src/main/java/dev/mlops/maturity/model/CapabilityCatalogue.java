package dev.mlops.maturity.model;

import static dev.mlops.maturity.model.Scope.PLATFORM;
import static dev.mlops.maturity.model.Scope.WORKLOAD;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every capability id the models may name (PROBES.md a.1), with its meaning and advice. */
public final class CapabilityCatalogue {
  private static final Map<String, Capability> BY_ID = new LinkedHashMap<>();

  static {
    add("experiment-tracking", "training runs are logged (params + metrics) and linked to registered versions", WORKLOAD, false,
        "Log every training run to MLflow (params, metrics) and register the model from the run.");
    add("model-registry", "the workload's model is registered with at least one READY version", WORKLOAD, false,
        "Install MLflow and register the model (name = workload.registeredModel).");
    add("model-versioning", "versions are immutable and serving is pinned to a version or alias", WORKLOAD, false,
        "Keep every model version in the registry and pin serving to a version or the champion alias, not a floating path.");
    add("health-monitoring", "availability, latency and error signals of the serving pods are scraped", WORKLOAD, false,
        "Add a ServiceMonitor or PodMonitor selecting the serving Service/pods (uptime, latency, errors).");
    add("alerting", "alert rules on the workload are loaded", WORKLOAD, false,
        "Add a PrometheusRule with at least one alert whose expression names the workload's namespace.");
    add("orchestrator", "a pipeline orchestrator (Argo Workflows, Kubeflow Pipelines, Tekton) runs this workload's training", WORKLOAD, false,
        "Run training through Argo Workflows, Kubeflow Pipelines or Tekton, labelled with the workload selector.");
    add("training-pipeline", "training is a pipeline (train, evaluate, compare, register/deploy)", WORKLOAD, false,
        "Turn the training notebook into a WorkflowTemplate, KFP pipeline or Tekton Pipeline labelled for the workload.");
    add("scheduled-retraining", "an enabled schedule runs the training pipeline", WORKLOAD, false,
        "Schedule retraining with an Argo CronWorkflow, a KFP ScheduledWorkflow or a CronJob (not suspended).");
    add("drift-triggered-retraining", "a drift alert triggers the training pipeline without a human", WORKLOAD, false,
        "Wire a drift alert (PrometheusRule) through an Argo Events Sensor that submits the training pipeline.");
    add("performance-triggered-retraining", "a model-performance alert triggers the training pipeline", WORKLOAD, false,
        "Wire a model-quality alert (label mlops.dev/trigger: performance) to a Sensor that starts training.");
    add("retraining-trigger", "any of scheduled, drift- or performance-triggered retraining", WORKLOAD, false,
        "Add a retraining schedule or an alert-driven retraining trigger.");
    add("quality-gate", "promotion only if the candidate beats the champion on a fixed test set", WORKLOAD, false,
        "Add a gate step that compares candidate and champion on a fixed test set and tags the version (mlops.gate.*).");
    add("cicd-deployment", "the serving configuration is delivered by CI/CD or GitOps with automated sync", WORKLOAD, false,
        "Deliver the serving objects with Argo CD (automated sync) or Flux.");
    add("pipeline-decides-deployment", "the last production model change was made by automation, not a human", WORKLOAD, false,
        "Let the pipeline (or GitOps) change the served model version, not kubectl by hand.");
    add("model-testing-ci", "automated model tests run in CI", WORKLOAD, true,
        "Run model tests in CI and declare the CI pipeline (declared: capability model-testing-ci).");
    add("data-validation", "an automated data-validation step gates training", WORKLOAD, true,
        "Add a data-validation step (Great Expectations, TFDV, Deepchecks) before training and declare it.");
    add("data-versioning", "the training data of each model version is identified by an immutable version", WORKLOAD, false,
        "Version training data (DVC, lakeFS) and log the dataset digest with each run.");
    add("feature-store", "a feature store serves the workload with the same definitions in training and serving", WORKLOAD, false,
        "Adopt Feast: one FeatureStore used by both the training pipeline and the serving pods.");
    add("canary-deployment", "progressive traffic shifting to a new model version", WORKLOAD, false,
        "Roll out new versions in weighted steps: an Argo Rollouts canary with setWeight steps, a Flagger Canary, a KServe canary, or a weighted Gateway API HTTPRoute.");
    add("shadow-deployment", "mirrored (shadow) traffic to a candidate", WORKLOAD, false,
        "Mirror live traffic to the candidate (Istio mirror, Gateway API RequestMirror, Flagger mirror, Seldon Experiment mirror).");
    add("ab-testing", "two or more variants receive real traffic at the same time", WORKLOAD, false,
        "Split real traffic between variants (Seldon Experiment, Flagger A/B match, weighted VirtualService or HTTPRoute).");
    add("drift-monitoring", "a drift detector computes on live traffic", WORKLOAD, false,
        "Deploy a drift detector (alibi-detect, Evidently) on live traffic and export its metric.");
    add("promotion-rbac", "only authorised principals or automation can promote", WORKLOAD, false,
        "Restrict write access on the serving objects to the promoter group and the deploy automation.");
    add("audit-trail", "who promoted what, when, with what data and comparison result can be reconstructed", WORKLOAD, false,
        "Record promotions (GitOps history, MLflow tags mlops.promoted_by/at, gate results) and declare the audit sink.");
    add("multi-model-serving", "many models run on shared serving infrastructure", PLATFORM, false,
        "Serve models on shared servers (KServe ModelMesh, TrainedModels, Seldon multi-model Servers).");
    add("gpu-scheduling", "GPUs are schedulable through the device plugin and a queue or autoscaler", PLATFORM, false,
        "Build a GPU pool: NVIDIA device plugin plus a Karpenter GPU NodePool or a Kueue ClusterQueue covering nvidia.com/gpu.");
    add("gpu-utilisation", "average GPU utilisation over the window is above the threshold", PLATFORM, false,
        "Raise GPU utilisation above the threshold (bin-packing, queues, MIG); measured from DCGM metrics.");
    add("spot-capacity", "training runs on spot capacity, inference on on-demand or reserved", PLATFORM, false,
        "Add a spot NodePool for training and keep an on-demand/reserved pool for inference.");
    add("right-sizing", "resources are right-sized automatically (VPA, node consolidation)", PLATFORM, false,
        "Enable a VerticalPodAutoscaler (updateMode not Off) or Karpenter consolidation WhenEmptyOrUnderutilized.");
    add("self-healing-rollback", "failed health or analysis checks roll traffic back automatically", WORKLOAD, false,
        "Add analysis with failure conditions to the canary (Argo Rollouts AnalysisTemplate, Flagger threshold); a Flux HelmRelease upgrade rollback covers failed releases only.");
    add("manual-retraining-documented", "a retraining runbook exists", WORKLOAD, true,
        "Write the retraining runbook and declare it (declared: capability manual-retraining-documented).");
    add("retrain-by-others", "someone other than the author can retrain and deploy", WORKLOAD, false,
        "Make training submittable by the team (a WorkflowTemplate/Pipeline) and declare who can run it.");
    add("app-ci", "application code is built and tested by CI", WORKLOAD, true,
        "Build and test the application code in CI and declare the pipeline.");
    add("app-tests", "application code has automated tests", WORKLOAD, true, "Add automated tests and declare them.");
    add("code-versioned", "the code and configuration are versioned and delivered from a repository", WORKLOAD, false,
        "Keep code and configuration in git and deliver them with GitOps (Argo CD or Flux).");
    add("data-pipeline", "data preparation is an automated pipeline", WORKLOAD, true, "Automate data preparation and declare it.");
    add("environment-definitions", "training and serving environments are defined as code", WORKLOAD, true,
        "Define environments as code (images, conda/pip locks) and declare them.");
    add("registry-promotion", "models are promoted through registry aliases or stages", WORKLOAD, true,
        "Promote models with registry aliases (champion/challenger) and declare the process.");
    add("lineage", "model lineage (data, code, run) is recorded", WORKLOAD, true, "Record lineage and declare where it lives.");
    add("feature-freshness-monitoring", "feature freshness is monitored", WORKLOAD, true,
        "Monitor feature freshness and declare the dashboard or alert.");
    add("centralised-model-metrics", "model metrics are collected centrally", WORKLOAD, true,
        "Collect model metrics centrally and declare the dashboard.");
  }

  private CapabilityCatalogue() {}

  private static void add(String id, String meaning, Scope scope, boolean declaredOnly, String howToClimb) {
    BY_ID.put(id, new Capability(id, meaning, scope, declaredOnly, howToClimb));
  }

  public static Optional<Capability> find(String id) {
    return Optional.ofNullable(id == null ? null : BY_ID.get(id));
  }

  public static Capability get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("unknown capability id '" + id + "'"));
  }

  public static boolean contains(String id) {
    return id != null && BY_ID.containsKey(id);
  }

  public static Collection<Capability> all() {
    return BY_ID.values();
  }
}
