package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.RunHistory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the workload's retraining schedules last ran successfully (for exercisedWithin): the Argo Workflows a
 * CronWorkflow created (label {@code workflows.argoproj.io/cron-workflow}, Argo's cron controller) or a KFP
 * ScheduledWorkflow created (label {@code scheduledworkflows.kubeflow.org/scheduledWorkflowName}) that Succeeded,
 * at {@code status.finishedAt}; and a CronJob's {@code status.lastSuccessfulTime} (Kubernetes 1.21+).
 */
final class ScheduleRuns {
  static final String CRON_WORKFLOW_LABEL = "workflows.argoproj.io/cron-workflow";
  static final String KFP_SCHEDULE_LABEL = "scheduledworkflows.kubeflow.org/scheduledWorkflowName";

  private ScheduleRuns() {}

  static RunHistory of(ProbeContext ctx, List<GenericKubernetesResource> cronWorkflows, List<GenericKubernetesResource> scheduledWorkflows,
      List<GenericKubernetesResource> cronJobs) {
    RunHistory history = new RunHistory();
    Set<String> crons = names(cronWorkflows);
    Set<String> kfp = names(scheduledWorkflows);
    if (!crons.isEmpty() || !kfp.isEmpty()) {
      history.read(ctx.inNamespace(KindCatalogue.WORKFLOW).filter(wf -> crons.contains(Fields.label(wf, CRON_WORKFLOW_LABEL))
          || kfp.contains(Fields.label(wf, KFP_SCHEDULE_LABEL))), TrainingPipelines::argoSucceeded, TrainingPipelines::finishedAt);
    }
    for (GenericKubernetesResource cronJob : cronJobs) {
      Fields.string(cronJob, "status", "lastSuccessfulTime").flatMap(Fields::instant)
          .ifPresent(at -> history.add(at, ProbeContext.ref(cronJob)));
    }
    return history;
  }

  private static Set<String> names(List<GenericKubernetesResource> schedules) {
    return schedules.stream().map(s -> s.getMetadata().getName()).filter(Objects::nonNull).collect(Collectors.toSet());
  }
}
