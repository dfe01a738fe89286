package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code orchestrator} (PROBES.md b.6): a pipeline orchestrator is installed and used for this
 * workload. Satisfied when any orchestrator object is bound to the workload: an Argo
 * WorkflowTemplate, CronWorkflow or Workflow, a KFP ScheduledWorkflow, or a Tekton Pipeline or
 * PipelineRun (a WorkflowTemplate named by a bound CronWorkflow counts too). The CRD being served
 * is not enough: an orchestrator nobody uses for this workload is Missing. The controller
 * Deployment is not checked (it usually lives in another namespace).
 */
public final class OrchestratorProbe extends AbstractProbe {
  static final String CAPABILITY = "orchestrator";

  public OrchestratorProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.WORKFLOW_TEMPLATE, KindCatalogue.CRON_WORKFLOW, KindCatalogue.WORKFLOW, KindCatalogue.SCHEDULED_WORKFLOW,
        KindCatalogue.TEKTON_PIPELINE, KindCatalogue.TEKTON_PIPELINE_RUN));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    TrainingPipelines pipelines = TrainingPipelines.discover(ctx, scan);
    Set<String> providers = new LinkedHashSet<>();
    for (GenericKubernetesResource d : pipelines.boundObjects()) {
      providers.add(TrainingPipelines.provider(d));
      scan.found(ProbeContext.ref(d));
    }
    for (ResourceKind runKind : List.of(KindCatalogue.WORKFLOW, KindCatalogue.TEKTON_PIPELINE_RUN)) {
      for (GenericKubernetesResource run : scan.read(ctx.bound(runKind))) {
        providers.add(TrainingPipelines.provider(run));
        scan.found(ProbeContext.ref(run));
      }
    }
    if (!scan.satisfied() && !pipelines.unbound().isEmpty()) {
      scan.seen("not bound to the workload: " + TrainingPipelines.summary(pipelines.unbound(), 3));
    }
    return scan.verdict(String.join(", ", providers) + " runs this workload's training",
        "no Argo Workflows, Kubeflow Pipelines or Tekton object is bound to the workload");
  }
}
