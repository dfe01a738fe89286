package dev.mlops.maturity.fixes;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code scheduled-retraining}: an enabled schedule bound to the workload, in the scheduler the team
 * already uses (what ScheduledRetrainingProbe reads): a suspended CronWorkflow, CronJob or disabled KFP
 * ScheduledWorkflow is re-enabled; otherwise a CronWorkflow runs the training WorkflowTemplate, or a
 * CronJob runs the training Job's template.
 */
public final class RetrainingScheduleFix implements Fix {
  /** Nightly at 03:00 UTC: a default the team adjusts; the probe only needs a valid, enabled schedule. */
  static final String SCHEDULE = "0 3 * * *";

  @Override
  public String capability() {
    return "scheduled-retraining";
  }

  @Override
  public Suggestion suggest(FixContext ctx) {
    TrainingDefinitions training = TrainingDefinitions.discover(ctx);
    for (GenericKubernetesResource cron : training.cronWorkflows()) {
      if (Fields.isTrue(cron, "spec", "suspend")) {
        return resume(ctx, cron, "spec.suspend is removed: CronWorkflow " + cron.getMetadata().getName() + " runs again on "
            + schedules(cron), "suspend");
      }
    }
    for (GenericKubernetesResource swf : training.scheduledWorkflows()) {
      if (!Fields.isTrue(swf, "spec", "enabled")) {
        GenericKubernetesResource copy = CopiedObject.of(swf);
        FixContext.spec(copy).put("enabled", true);
        ctx.annotate(copy);
        return Suggestion.apply(ctx, "re-enable KFP ScheduledWorkflow " + swf.getMetadata().getName(), List.of(ctx.manifest(copy,
            "replaces ScheduledWorkflow " + swf.getMetadata().getName() + " with spec.enabled: true (the recurring run of the training pipeline)")));
      }
    }
    Listing cronJobs = ctx.bound(KindCatalogue.CRON_JOB);
    for (GenericKubernetesResource job : cronJobs.items()) {
      if (Fields.isTrue(job, "spec", "suspend")) {
        return resume(ctx, job, "spec.suspend is removed: CronJob " + job.getMetadata().getName() + " runs again on "
            + Fields.string(job, "spec", "schedule").orElse("?"), "suspend");
      }
    }
    if (!training.cronWorkflows().isEmpty() || !training.scheduledWorkflows().isEmpty() || !cronJobs.items().isEmpty()) {
      return Suggestion.without(ctx, Remedy.NEEDS_HUMAN, "a schedule exists but does not count: " + ctx.evidence().message()
          + " (check the scheduler's controller and the schedule itself)");
    }
    Optional<GenericKubernetesResource> template = training.firstTemplate();
    if (template.isPresent()) {
      Listing crons = ctx.inNamespace(KindCatalogue.CRON_WORKFLOW);
      if (!crons.served()) {
        return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, (crons.availability() == Availability.NOT_INSTALLED
            ? "Argo Workflows' CronWorkflow CRD is not installed" : crons.reason()) + ": cannot schedule WorkflowTemplate "
            + template.get().getMetadata().getName());
      }
      return Suggestion.apply(ctx, "run WorkflowTemplate " + template.get().getMetadata().getName() + " on a schedule",
          List.of(cronWorkflow(ctx, template.get(), crons.items())));
    }
    if (!training.jobs().isEmpty()) {
      return Suggestion.apply(ctx, "run the training Job " + training.jobs().get(0).getMetadata().getName() + " on a schedule",
          List.of(cronJob(ctx, training.jobs().get(0), cronJobs)));
    }
    if (!training.tektonPipelines().isEmpty()) {
      return Suggestion.without(ctx, Remedy.NEEDS_HUMAN, "Tekton Pipeline " + training.tektonPipelines().get(0).getMetadata().getName()
          + " is scheduled through Triggers (a CronJob calling an EventListener whose TriggerTemplate creates the PipelineRun, "
          + "tektoncd/triggers examples/v1beta1/cron), which needs the team's trigger parameters");
    }
    if (!training.templateListing().served() && training.templateListing().availability() == Availability.NOT_INSTALLED) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "no training template found and Argo Workflows is not installed (no WorkflowTemplate CRD):"
          + " nothing to schedule; build a training pipeline first");
    }
    return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "no training template found (no WorkflowTemplate, KFP ScheduledWorkflow, Tekton Pipeline"
        + " or Job bound to the workload): nothing to schedule; build a training pipeline first");
  }

  private static Suggestion resume(FixContext ctx, GenericKubernetesResource live, String why, String field) {
    GenericKubernetesResource copy = CopiedObject.of(live);
    FixContext.spec(copy).remove(field);
    ctx.annotate(copy);
    return Suggestion.apply(ctx, "resume " + live.getKind() + " " + live.getMetadata().getName(), List.of(ctx.manifest(copy,
        "replaces the live " + live.getKind() + ": " + why)));
  }

  private static String schedules(GenericKubernetesResource cron) {
    List<Object> s = Fields.list(cron, "spec", "schedules");
    return s.isEmpty() ? Fields.string(cron, "spec", "schedule").orElse("its schedule") : s.toString();
  }

  private static FixManifest cronWorkflow(FixContext ctx, GenericKubernetesResource template, List<GenericKubernetesResource> existing) {
    String name = freeName(template.getMetadata().getName() + "-scheduled", existing);
    GenericKubernetesResource cron = ctx.newObject(KindCatalogue.CRON_WORKFLOW, name);
    Map<String, Object> spec = FixContext.spec(cron);
    spec.put("schedules", List.of(SCHEDULE));
    spec.put("timezone", "UTC");
    spec.put("concurrencyPolicy", "Forbid");
    spec.put("startingDeadlineSeconds", 3600);
    Map<String, Object> workflowSpec = new LinkedHashMap<>();
    workflowSpec.put("workflowTemplateRef", Map.of("name", template.getMetadata().getName()));
    spec.put("workflowSpec", workflowSpec);
    return ctx.manifest(cron, "runs WorkflowTemplate " + template.getMetadata().getName() + " nightly at 03:00 UTC (adjust spec.schedules);",
        "Argo Workflows before 3.6 reads the singular field: use schedule: \"" + SCHEDULE + "\" there");
  }

  private static FixManifest cronJob(FixContext ctx, GenericKubernetesResource job, Listing existing) {
    String name = freeName(job.getMetadata().getName() + "-scheduled", existing.items());
    GenericKubernetesResource cron = ctx.newObject(KindCatalogue.CRON_JOB, name);
    @SuppressWarnings("unchecked")
    Map<String, Object> jobSpec = Serialization.clone(new LinkedHashMap<>((Map<String, Object>) Fields.map(job, "spec").orElse(Map.of())));
    // the Job controller generates these for each Job; a template that carries them would not apply
    jobSpec.remove("selector");
    jobSpec.remove("manualSelector");
    Fields.map(jobSpec, "template", "metadata", "labels").ifPresent(l -> {
      l.remove("controller-uid");
      l.remove("batch.kubernetes.io/controller-uid");
      l.remove("job-name");
      l.remove("batch.kubernetes.io/job-name");
    });
    Map<String, Object> spec = FixContext.spec(cron);
    spec.put("schedule", SCHEDULE);
    spec.put("timeZone", "Etc/UTC");
    spec.put("concurrencyPolicy", "Forbid");
    spec.put("jobTemplate", Map.of("spec", jobSpec));
    return ctx.manifest(cron, "runs the pod template of training Job " + job.getMetadata().getName() + " nightly at 03:00 UTC (adjust spec.schedule)");
  }

  private static String freeName(String wanted, List<GenericKubernetesResource> existing) {
    String name = wanted;
    for (int i = 2; taken(name, existing); i++) {
      name = wanted + "-" + i;
    }
    return name;
  }

  private static boolean taken(String name, List<GenericKubernetesResource> existing) {
    return existing.stream().anyMatch(e -> name.equals(e.getMetadata().getName()));
  }
}
