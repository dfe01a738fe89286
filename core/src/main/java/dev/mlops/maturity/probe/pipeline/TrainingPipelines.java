package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.RunHistory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The workload's training pipeline definitions and their recent successful runs (PROBES.md b.7).
 *
 * <p>A definition is one of, in the target's namespace:
 * <ul>
 *   <li>an Argo {@code WorkflowTemplate} bound to the workload selector, or one that a bound
 *       {@code CronWorkflow} names in {@code spec.workflowSpec.workflowTemplateRef.name};</li>
 *   <li>a bound Argo {@code CronWorkflow} whose {@code spec.workflowSpec.templates} is inline;</li>
 *   <li>a bound KFP {@code ScheduledWorkflow} (it carries the compiled pipeline in {@code spec.workflow.spec});</li>
 *   <li>a bound Tekton {@code Pipeline}.</li>
 * </ul>
 * A run is a Workflow of such a template ({@code spec.workflowTemplateRef.name} or label
 * {@code workflows.argoproj.io/workflow-template}), a child of such a CronWorkflow or
 * ScheduledWorkflow (labels {@code workflows.argoproj.io/cron-workflow},
 * {@code scheduledworkflows.kubeflow.org/scheduledWorkflowName}), or a PipelineRun of such a
 * Pipeline (label {@code tekton.dev/pipeline} or {@code spec.pipelineRef.name}). It counts as
 * successful when {@code status.phase: Succeeded} (Argo) or condition {@code Succeeded=True}
 * (Tekton), finished within {@link #LOOK_BACK} of the clock (a run without a finish time counts).
 */
final class TrainingPipelines {
  static final Duration LOOK_BACK = Duration.ofDays(30);
  static final int MAX_RUN_REFERENCES = 3;
  static final String WORKFLOW_TEMPLATE_LABEL = "workflows.argoproj.io/workflow-template";
  static final String CRON_WORKFLOW_LABEL = "workflows.argoproj.io/cron-workflow";
  static final String SCHEDULED_WORKFLOW_LABEL = "scheduledworkflows.kubeflow.org/scheduledWorkflowName";
  static final String TEKTON_PIPELINE_LABEL = "tekton.dev/pipeline";
  static final String CREATOR_LABEL = "workflows.argoproj.io/creator";
  static final List<ResourceKind> DEFINITION_KINDS =
      List.of(KindCatalogue.WORKFLOW_TEMPLATE, KindCatalogue.CRON_WORKFLOW, KindCatalogue.SCHEDULED_WORKFLOW, KindCatalogue.TEKTON_PIPELINE);

  private final Set<String> argoTemplates = new LinkedHashSet<>();
  private final Set<String> cronWorkflows = new LinkedHashSet<>();
  private final Set<String> scheduledWorkflows = new LinkedHashSet<>();
  private final Set<String> tektonPipelines = new LinkedHashSet<>();
  private final List<GenericKubernetesResource> definitions = new ArrayList<>();
  private final List<GenericKubernetesResource> boundCronWorkflows = new ArrayList<>();
  private final List<String> unbound = new ArrayList<>();
  private final List<String> unreadable = new ArrayList<>();

  private TrainingPipelines() {}

  /** Reads the definition kinds through the scan (so their availability decides Unknown) and collects the bound ones. */
  static TrainingPipelines discover(ProbeContext ctx, ProviderScan scan) {
    TrainingPipelines p = new TrainingPipelines();
    List<GenericKubernetesResource> templates = p.read(scan, ctx.inNamespace(KindCatalogue.WORKFLOW_TEMPLATE));
    List<GenericKubernetesResource> crons = p.read(scan, ctx.inNamespace(KindCatalogue.CRON_WORKFLOW));
    List<GenericKubernetesResource> swfs = p.read(scan, ctx.inNamespace(KindCatalogue.SCHEDULED_WORKFLOW));
    List<GenericKubernetesResource> pipelines = p.read(scan, ctx.inNamespace(KindCatalogue.TEKTON_PIPELINE));

    Set<String> referencedByBoundCron = new LinkedHashSet<>();
    for (GenericKubernetesResource cron : crons) {
      if (!ctx.isBound(cron)) {
        p.unbound.add(ProbeContext.ref(cron));
        continue;
      }
      p.cronWorkflows.add(name(cron));
      p.boundCronWorkflows.add(cron);
      Fields.string(cron, "spec", "workflowSpec", "workflowTemplateRef", "name").ifPresent(referencedByBoundCron::add);
      if (!Fields.list(cron, "spec", "workflowSpec", "templates").isEmpty()) {
        p.definitions.add(cron);
      }
    }
    for (GenericKubernetesResource t : templates) {
      if (ctx.isBound(t) || referencedByBoundCron.contains(name(t))) {
        p.argoTemplates.add(name(t));
        p.definitions.add(t);
      } else {
        p.unbound.add(ProbeContext.ref(t));
      }
    }
    for (GenericKubernetesResource s : swfs) {
      if (ctx.isBound(s)) {
        p.scheduledWorkflows.add(name(s));
        p.definitions.add(s);
      } else {
        p.unbound.add(ProbeContext.ref(s));
      }
    }
    for (GenericKubernetesResource pl : pipelines) {
      if (ctx.isBound(pl)) {
        p.tektonPipelines.add(name(pl));
        p.definitions.add(pl);
      } else {
        p.unbound.add(ProbeContext.ref(pl));
      }
    }
    return p;
  }

  private List<GenericKubernetesResource> read(ProviderScan scan, Listing listing) {
    if (listing.availability() == Availability.FORBIDDEN || listing.availability() == Availability.FAILED) {
      unreadable.add(listing.reason());
    }
    return scan.read(listing);
  }

  /** Why some definition kinds could not be read (forbidden or failed; a CRD that is not installed is not a failure). */
  List<String> unreadable() {
    return unreadable;
  }

  Set<String> cronWorkflows() {
    return cronWorkflows;
  }

  List<GenericKubernetesResource> definitions() {
    return definitions;
  }

  /** Every bound object of the definition kinds: the definitions plus CronWorkflows that only reference a missing template. */
  List<GenericKubernetesResource> boundObjects() {
    List<GenericKubernetesResource> all = new ArrayList<>(definitions);
    boundCronWorkflows.stream().filter(c -> !all.contains(c)).forEach(all::add);
    return all;
  }

  List<GenericKubernetesResource> boundCronWorkflows() {
    return boundCronWorkflows;
  }

  /** References of definition-kind objects in the namespace that are not bound to the workload. */
  List<String> unbound() {
    return unbound;
  }

  Set<String> argoTemplates() {
    return argoTemplates;
  }

  Set<String> tektonPipelines() {
    return tektonPipelines;
  }

  boolean isEmpty() {
    return definitions.isEmpty();
  }

  /** True when the Workflow is a run of one of the definitions (or is itself bound to the workload). */
  boolean isArgoRun(ProbeContext ctx, GenericKubernetesResource wf) {
    String template = Fields.string(wf, "spec", "workflowTemplateRef", "name").orElse(label(wf, WORKFLOW_TEMPLATE_LABEL));
    return (template != null && argoTemplates.contains(template))
        || cronWorkflows.contains(label(wf, CRON_WORKFLOW_LABEL))
        || scheduledWorkflows.contains(label(wf, SCHEDULED_WORKFLOW_LABEL))
        || ctx.isBound(wf);
  }

  boolean isTektonRun(ProbeContext ctx, GenericKubernetesResource run) {
    String pipeline = Optional.ofNullable(label(run, TEKTON_PIPELINE_LABEL))
        .orElse(Fields.string(run, "spec", "pipelineRef", "name").orElse(null));
    return (pipeline != null && tektonPipelines.contains(pipeline)) || ctx.isBound(run);
  }

  /** The Workflows in the namespace that are runs of the definitions (unreadable Workflows count as none). */
  List<GenericKubernetesResource> argoRuns(ProbeContext ctx) {
    Listing workflows = ctx.inNamespace(KindCatalogue.WORKFLOW);
    return workflows.items().stream().filter(wf -> isArgoRun(ctx, wf)).toList();
  }

  /** References of the most recent successful runs within the look-back window, newest first. */
  List<String> recentSuccessfulRuns(ProbeContext ctx) {
    if (isEmpty()) {
      return List.of();
    }
    List<GenericKubernetesResource> runs = new ArrayList<>();
    argoRuns(ctx).stream().filter(TrainingPipelines::argoSucceeded).forEach(runs::add);
    if (!tektonPipelines.isEmpty()) {
      ctx.inNamespace(KindCatalogue.TEKTON_PIPELINE_RUN).items().stream()
          .filter(r -> isTektonRun(ctx, r)).filter(TrainingPipelines::tektonSucceeded).forEach(runs::add);
    }
    return newestWithin(ctx, runs);
  }

  /** The newest successful run of the definitions, with no look-back (a model's exercisedWithin decides what is recent). */
  RunHistory history(ProbeContext ctx) {
    RunHistory history = new RunHistory();
    if (isEmpty()) {
      return history;
    }
    history.read(ctx.inNamespace(KindCatalogue.WORKFLOW).filter(wf -> isArgoRun(ctx, wf)), TrainingPipelines::argoSucceeded,
        TrainingPipelines::finishedAt);
    if (!tektonPipelines.isEmpty()) {
      history.read(ctx.inNamespace(KindCatalogue.TEKTON_PIPELINE_RUN).filter(r -> isTektonRun(ctx, r)), TrainingPipelines::tektonSucceeded,
          TrainingPipelines::finishedAt);
    }
    return history;
  }

  static List<String> newestWithin(ProbeContext ctx, List<GenericKubernetesResource> runs) {
    Instant horizon = ctx.clock().instant().minus(LOOK_BACK);
    return runs.stream()
        .filter(r -> finishedAt(r).map(t -> !t.isBefore(horizon)).orElse(true))
        .sorted(Comparator.comparing((GenericKubernetesResource r) -> finishedAt(r).orElse(Instant.MAX)).reversed())
        .limit(MAX_RUN_REFERENCES)
        .map(ProbeContext::ref)
        .toList();
  }

  static boolean argoSucceeded(GenericKubernetesResource wf) {
    return "Succeeded".equals(Fields.string(wf, "status", "phase").orElse(label(wf, "workflows.argoproj.io/phase")));
  }

  static boolean tektonSucceeded(GenericKubernetesResource run) {
    return Fields.hasCondition(run, "Succeeded", "True");
  }

  /** Argo {@code status.finishedAt}, Tekton {@code status.completionTime}. */
  static Optional<Instant> finishedAt(GenericKubernetesResource r) {
    return Fields.string(r, "status", "finishedAt").or(() -> Fields.string(r, "status", "completionTime")).flatMap(Fields::instant);
  }

  static String label(GenericKubernetesResource r, String key) {
    return Fields.label(r, key);
  }

  static String name(GenericKubernetesResource r) {
    return Objects.requireNonNullElse(r.getMetadata().getName(), "");
  }

  /** The orchestrator product behind a kind's API group. */
  static String provider(GenericKubernetesResource r) {
    String apiVersion = Objects.requireNonNullElse(r.getApiVersion(), "");
    if (apiVersion.startsWith("argoproj.io/")) {
      return "Argo Workflows";
    }
    if (apiVersion.startsWith("kubeflow.org/")) {
      return "Kubeflow Pipelines";
    }
    if (apiVersion.startsWith("tekton.dev/")) {
      return "Tekton";
    }
    return apiVersion.isEmpty() ? "Kubernetes" : apiVersion;
  }

  /** At most {@code max} items, with "and N more" when cut. */
  static String summary(List<String> items, int max) {
    if (items.size() <= max) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
  }
}
