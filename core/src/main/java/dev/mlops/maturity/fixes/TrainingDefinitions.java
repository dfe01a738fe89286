package dev.mlops.maturity.fixes;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The workload's training definitions as the pipeline probes bind them: Argo WorkflowTemplates bound
 * to the selector or named by a bound CronWorkflow, bound CronWorkflows, KFP ScheduledWorkflows,
 * Tekton Pipelines and batch Jobs.
 */
record TrainingDefinitions(List<GenericKubernetesResource> workflowTemplates, List<GenericKubernetesResource> cronWorkflows,
    List<GenericKubernetesResource> scheduledWorkflows, List<GenericKubernetesResource> tektonPipelines, List<GenericKubernetesResource> jobs,
    Listing templateListing) {

  static TrainingDefinitions discover(FixContext ctx) {
    Listing crons = ctx.bound(KindCatalogue.CRON_WORKFLOW);
    Set<String> referenced = new LinkedHashSet<>();
    crons.items().forEach(c -> Fields.string(c, "spec", "workflowSpec", "workflowTemplateRef", "name").ifPresent(referenced::add));
    Listing templates = ctx.inNamespace(KindCatalogue.WORKFLOW_TEMPLATE);
    List<GenericKubernetesResource> bound = templates.items().stream()
        .filter(t -> ctx.isBound(t) || referenced.contains(t.getMetadata().getName())).sorted(BY_NAME).toList();
    return new TrainingDefinitions(bound, sorted(crons), sorted(ctx.bound(KindCatalogue.SCHEDULED_WORKFLOW)),
        sorted(ctx.bound(KindCatalogue.TEKTON_PIPELINE)), sorted(ctx.bound(KindCatalogue.JOB)), templates);
  }

  private static final Comparator<GenericKubernetesResource> BY_NAME = Comparator.comparing(r -> r.getMetadata().getName());

  private static List<GenericKubernetesResource> sorted(Listing l) {
    return l.items().stream().sorted(BY_NAME).toList();
  }

  Optional<GenericKubernetesResource> firstTemplate() {
    return workflowTemplates.stream().findFirst();
  }

  boolean isEmpty() {
    return workflowTemplates.isEmpty() && cronWorkflows.isEmpty() && scheduledWorkflows.isEmpty() && tektonPipelines.isEmpty() && jobs.isEmpty();
  }
}
