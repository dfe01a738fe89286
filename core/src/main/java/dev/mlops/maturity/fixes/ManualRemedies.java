package dev.mlops.maturity.fixes;

import java.util.Map;

/**
 * Capabilities no manifest from the cluster can satisfy: what the probe needs instead, HTTP evidence
 * (the registry's or Prometheus' data) or a person's decision or declaration.
 */
final class ManualRemedies {
  private ManualRemedies() {}

  private record Need(Remedy remedy, String text) {}

  private static final Map<String, Need> NEEDS = Map.ofEntries(
      http("model-registry", "MLflow evidence: register model '%m' with a READY version in the registry the target's mlflow endpoint names"),
      http("model-versioning", "MLflow evidence: keep immutable versions of '%m' and pin serving to a version or alias (not a floating path)"),
      http("experiment-tracking", "MLflow evidence: log the training runs (params and metrics) and link them to the registered versions of '%m'"),
      http("quality-gate", "MLflow evidence: a champion alias and gate tags (mlops.gate.result, .candidate, .champion, .test_set_digest) on the promoted version of '%m'"),
      http("data-versioning", "MLflow evidence: log the training data as dataset inputs with a digest on each run of '%m'"),
      http("gpu-utilisation", "Prometheus evidence: DCGM GPU utilisation above the threshold over the window, a platform outcome"),
      http("drift-monitoring", "Prometheus evidence: a fresh drift metric series for the workload (e.g. Evidently), or a Seldon drift detector in its pipeline"),
      human("manual-retraining-documented", "a person writes the retraining runbook and declares it (spec.declared with its URL)"),
      human("retrain-by-others", "a person confirms that someone other than the author can retrain and deploy, and declares it"),
      human("audit-trail", "the operator records the next champion move it sees: tag the version with mlops.promoted_by (or promote through Argo CD), log dataset inputs on its run, set mlops.gate.result"),
      human("model-testing-ci", "automated model tests run in CI, outside the cluster: declare them"),
      human("app-ci", "application CI runs outside the cluster: declare it"),
      human("data-validation", "a data-validation step gating training: add it to the pipeline and declare it"),
      human("training-pipeline", "write the training pipeline (e.g. an Argo WorkflowTemplate train → evaluate → compare → register) and run it once"),
      human("orchestrator", "run the training on an orchestrator (Argo Workflows, Kubeflow Pipelines, Tekton) with a template bound to the workload"),
      human("cicd-deployment", "deliver the serving objects from the team's Git repository with Argo CD automated sync or Flux; the repository is the team's"),
      human("code-versioned", "deliver the serving objects from a Git repository (Argo CD or Flux)"),
      human("pipeline-decides-deployment", "let the pipeline, not a person, make the last production change"),
      human("feature-store", "adopt a feature store (a Feast FeatureStore) with the team's feature definitions, used by training and serving"),
      human("ab-testing", "send real traffic to two model versions at once (Seldon Experiment, weighted Istio or Gateway API routes): needs the candidate version"),
      human("shadow-deployment", "mirror traffic to a candidate version: needs the candidate version"),
      human("promotion-rbac", "decide who may promote: a Role with patch/update on the serving objects bound only to the promoters' group and automation"),
      human("self-healing-rollback", "a canary analysis with the team's success metric (an AnalysisTemplate on a Rollout, or Flagger analysis) that aborts bad releases"),
      human("multi-model-serving", "a platform decision: shared serving infrastructure (ModelMesh, Seldon Server) for many models"),
      human("gpu-scheduling", "a platform decision: GPU nodes with the device plugin and a queue or autoscaler"),
      human("spot-capacity", "a platform decision: a spot pool for training and an on-demand pool for inference (Karpenter NodePools)"),
      human("performance-triggered-retraining", "the drift chain driven by a model-quality alert labelled mlops_trigger: performance, which only the team can define"),
      human("alerting", "alert rules on the workload routed to a receiver the team owns"));

  private static Map.Entry<String, Need> http(String id, String text) {
    return Map.entry(id, new Need(Remedy.NEEDS_HTTP_EVIDENCE, text));
  }

  private static Map.Entry<String, Need> human(String id, String text) {
    return Map.entry(id, new Need(Remedy.NEEDS_HUMAN, text));
  }

  static Suggestion of(FixContext ctx, boolean declarable) {
    Need need = NEEDS.getOrDefault(ctx.capability(), new Need(Remedy.NEEDS_HUMAN, "no manifest is generated for this capability"));
    String text = need.text().replace("%m", ctx.target().registeredModel() == null ? ctx.target().name() : ctx.target().registeredModel());
    String state = ctx.evidence() == null ? "" : " (now " + ctx.evidence().state()
        + (ctx.evidence().message().isBlank() ? "" : ": " + ctx.evidence().message()) + ")";
    return Suggestion.without(ctx, need.remedy(), text + (declarable && !text.contains("declare") ? "; or declare it in spec.declared" : "") + state);
  }
}
