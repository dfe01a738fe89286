package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code scheduled-retraining} (PROBES.md b.8): an enabled schedule bound to the workload. Any of:
 * an Argo CronWorkflow not suspended with a valid {@code spec.schedules[]} or {@code spec.schedule};
 * a KFP ScheduledWorkflow with {@code spec.enabled: true} and a 6-field
 * {@code spec.trigger.cronSchedule.cron} or a positive {@code periodicSchedule.intervalSecond}; a
 * Kubernetes CronJob not suspended, bound itself or through the Tekton Triggers cron pattern (a CronJob
 * calling an EventListener whose TriggerTemplate runs the training Pipeline, {@link TektonCronTriggers}). Suspended, disabled, schedule-less or malformed ones are named
 * in the Missing message. CronJobs are always served, so a cluster without Argo and KFP gives
 * Missing, not Unknown, unless CronJobs cannot be read. An enabled schedule counts only when it
 * really runs (PROBES.md e): it fired within its last two periods ({@code status.lastScheduledTime},
 * {@code lastScheduleTime}, {@code status.trigger.lastTriggeredTime}) or was created since, by the
 * probe's clock; otherwise it is named "configured but never fired since ...". When the schedule's runs last
 * succeeded is recorded for exercisedWithin ({@link ScheduleRuns}).
 */
public final class ScheduledRetrainingProbe extends AbstractProbe {
  static final String CAPABILITY = "scheduled-retraining";

  public ScheduledRetrainingProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.CRON_WORKFLOW, KindCatalogue.SCHEDULED_WORKFLOW, KindCatalogue.CRON_JOB, KindCatalogue.WORKFLOW,
        KindCatalogue.EVENT_LISTENER, KindCatalogue.TRIGGER_TEMPLATE, KindCatalogue.TRIGGER_BINDING, KindCatalogue.TEKTON_PIPELINE));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    List<RetrainingSchedule> schedules = new ArrayList<>();
    List<GenericKubernetesResource> cronWorkflows = scan.read(ctx.bound(KindCatalogue.CRON_WORKFLOW));
    cronWorkflows.forEach(r -> schedules.add(RetrainingSchedule.ofCronWorkflow(r)));
    List<GenericKubernetesResource> scheduledWorkflows = scan.read(ctx.bound(KindCatalogue.SCHEDULED_WORKFLOW));
    scheduledWorkflows.forEach(r -> schedules.add(RetrainingSchedule.ofScheduledWorkflow(r)));
    List<GenericKubernetesResource> cronJobs = scan.read(ctx.inNamespace(KindCatalogue.CRON_JOB));
    List<GenericKubernetesResource> boundCronJobs = cronJobs.stream().filter(ctx::isBound).toList();
    boundCronJobs.forEach(c -> schedules.add(RetrainingSchedule.ofCronJob(c)));
    for (TektonCronTriggers.Chain chain : TektonCronTriggers.find(ctx, scan, cronJobs)) {
      if (chain.schedule() != null) {
        schedules.add(chain.schedule());
      } else {
        scan.seen(chain.broken());
      }
    }
    List<String> enabled = new ArrayList<>();
    Instant now = ctx.clock().instant();
    for (RetrainingSchedule s : schedules) {
      String problem = s.enabled() ? s.firingProblem(now) : s.problem();
      if (problem == null) {
        scan.found(s.reference());
        enabled.add(s.describe());
      } else {
        scan.seen(s.reference() + " " + problem);
      }
    }
    scan.exercised(ScheduleRuns.of(ctx, cronWorkflows, scheduledWorkflows, boundCronJobs).exercise());
    return scan.verdict("enabled schedule: " + TrainingPipelines.summary(enabled, 2),
        "no enabled CronWorkflow, ScheduledWorkflow or CronJob is bound to the workload");
  }
}
