package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.RunHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code training-pipeline} (PROBES.md b.7): training is a pipeline definition bound to the
 * workload (see {@link TrainingPipelines} for what counts). Satisfied when one exists; the
 * built-in models do not require it to have run, so recent successful runs (last 30 days, newest
 * three) are only added as extra references and counted in the message. A Kubeflow Trainer v2
 * TrainJob of the workload counts too (see {@link TrainJobs}), and a WorkflowTemplate step that
 * creates one is named in the message (PROBES.md e). The newest successful run of any of them (Argo
 * {@code status.finishedAt}, Tekton {@code status.completionTime}, TrainJob {@code Complete} condition time)
 * is recorded as when the capability was last exercised.
 */
public final class TrainingPipelineProbe extends AbstractProbe {
  static final String CAPABILITY = "training-pipeline";

  public TrainingPipelineProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.WORKFLOW_TEMPLATE, KindCatalogue.CRON_WORKFLOW, KindCatalogue.SCHEDULED_WORKFLOW, KindCatalogue.TEKTON_PIPELINE,
        KindCatalogue.WORKFLOW, KindCatalogue.TEKTON_PIPELINE_RUN, KindCatalogue.TRAIN_JOB, KindCatalogue.TRAINING_RUNTIME, KindCatalogue.CLUSTER_TRAINING_RUNTIME,
        KindCatalogue.JOB_SET, KindCatalogue.JOB, KindCatalogue.POD, KindCatalogue.LOCAL_QUEUE, KindCatalogue.LOCAL_QUEUE_V1BETA1, KindCatalogue.KUEUE_WORKLOAD,
        KindCatalogue.KUEUE_WORKLOAD_V1BETA1));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    TrainingPipelines pipelines = TrainingPipelines.discover(ctx, scan);
    List<String> definitions = pipelines.definitions().stream().map(ProbeContext::ref).toList();
    definitions.forEach(scan::found);
    List<String> runs = pipelines.recentSuccessfulRuns(ctx);
    runs.forEach(scan::found);
    List<String> trainJobs = new ArrayList<>();
    for (TrainJobs.Verdict v : TrainJobs.judge(ctx, scan, pipelines)) {
      if (v.counts()) {
        scan.found(v.reference());
        trainJobs.add(v.reference() + " " + v.note());
      } else {
        scan.seen(v.reference() + " " + v.note());
      }
    }
    List<String> creators = pipelines.definitions().stream().flatMap(d -> TrainJobSteps.of(d).stream()).toList();
    pipelines.boundCronWorkflows().stream()
        .filter(c -> !pipelines.definitions().contains(c))
        .forEach(c -> scan.seen(ProbeContext.ref(c) + " has no inline templates and its workflowTemplateRef names no WorkflowTemplate here"));
    if (!pipelines.unbound().isEmpty()) {
      scan.seen("not bound to the workload: " + TrainingPipelines.summary(pipelines.unbound(), 3));
    }
    String satisfied = definitions.isEmpty() ? "" : "training pipeline " + TrainingPipelines.summary(definitions, 2)
        + (creators.isEmpty() ? "" : " (" + TrainingPipelines.summary(creators, 2) + ")")
        + (runs.isEmpty() ? "; no successful run in the last " + TrainingPipelines.LOOK_BACK.toDays() + " days"
            : "; " + runs.size() + (runs.size() == TrainingPipelines.MAX_RUN_REFERENCES ? "+" : "") + " recent successful run"
                + (runs.size() == 1 ? "" : "s"));
    RunHistory history = pipelines.history(ctx);
    TrainJobs.completed(ctx, pipelines, history);
    scan.exercised(history.exercise());
    if (!trainJobs.isEmpty()) {
      satisfied += (satisfied.isEmpty() ? "" : "; ") + "Kubeflow Trainer " + TrainingPipelines.summary(trainJobs, 2);
    }
    return scan.verdict(satisfied, "no WorkflowTemplate, ScheduledWorkflow or Tekton Pipeline is bound to the workload, and no TrainJob of it");
  }
}
