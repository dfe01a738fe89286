package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.RunHistory;
import dev.mlops.maturity.probe.SelectorMatcher;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An alert-driven retraining chain (PROBES.md b.10/b.11): alert, webhook, Sensor, training run.
 * All in the target's namespace, it is Satisfied when both links hold:
 *
 * <ol>
 *   <li><b>alert</b>: a {@code monitoring.coreos.com/v1 PrometheusRule} has an alerting rule
 *       ({@code spec.groups[].rules[].alert}) marked as this trigger: rule label
 *       {@code mlops.dev/trigger} or {@code mlops_trigger} (the Prometheus-valid spelling that
 *       reaches Alertmanager) equal to the trigger, or the PrometheusRule object labelled
 *       {@code mlops.dev/trigger}. For drift, an unmarked rule whose {@code expr} mentions "drift"
 *       also counts; for performance only the label does (a metric name cannot tell them apart).</li>
 *   <li><b>webhook to training</b>: an {@code argoproj.io Sensor} with a dependency whose
 *       {@code eventSourceName} names an EventSource with a {@code spec.webhook} entry (the
 *       dependency's {@code eventName}, when set, must be one of its keys), and a trigger that
 *       launches the workload's training: {@code template.argoWorkflow} (operation submit or
 *       submit-from) or {@code template.k8s} (operation create) whose {@code source.resource} is a
 *       Workflow with {@code spec.workflowTemplateRef.name} naming a training WorkflowTemplate, a
 *       PipelineRun with {@code spec.pipelineRef.name} naming a training Pipeline, a
 *       WorkflowTemplate/CronWorkflow of the workload (submit-from), or a Workflow/PipelineRun whose
 *       labels match the workload selector. A Sensor itself bound to the workload may create any
 *       Workflow or PipelineRun. A Sensor whose {@code Deployed} condition is False does not count
 *       (one without status does). Training definitions are those of {@link TrainingPipelines}.</li>
 * </ol>
 * The Alertmanager route between the two is not read (it lives outside the namespace, in the
 * Alertmanager configuration). Missing when a link is read and absent; Unknown when no link is
 * absent but one could not be read (Argo Events or the Prometheus Operator not installed, 403).
 * Exercised: Workflows/PipelineRuns labelled {@code events.argoproj.io/sensor=<sensor>} that
 * succeeded in the last 30 days are added as references; the newest of them is when it was last exercised.
 */
public abstract class AlertTriggeredRetrainingProbe extends AbstractProbe {
  static final String TRIGGER_LABEL = "mlops.dev/trigger";
  static final String PROMETHEUS_TRIGGER_LABEL = "mlops_trigger";
  static final String SENSOR_LABEL = "events.argoproj.io/sensor";

  private static final Set<ResourceKind> READS = Set.of(KindCatalogue.PROMETHEUS_RULE, KindCatalogue.SENSOR, KindCatalogue.EVENT_SOURCE,
      KindCatalogue.WORKFLOW_TEMPLATE, KindCatalogue.CRON_WORKFLOW, KindCatalogue.SCHEDULED_WORKFLOW, KindCatalogue.TEKTON_PIPELINE, KindCatalogue.WORKFLOW,
      KindCatalogue.TEKTON_PIPELINE_RUN);

  private final String trigger;
  private final boolean exprNamesTrigger;

  protected AlertTriggeredRetrainingProbe(String capability, String trigger, boolean exprNamesTrigger) {
    super(capability, READS);
    this.trigger = trigger;
    this.exprNamesTrigger = exprNamesTrigger;
  }


  /** One link of the chain: what shows it, or why it is absent, or why it could not be read. */
  private record Link(List<String> references, String description, List<String> absent, List<String> unreadable, String sensor) {
    Link(List<String> references, String description, List<String> absent, List<String> unreadable) {
      this(references, description, absent, unreadable, null);
    }

    boolean found() {
      return !references.isEmpty();
    }
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(capability());
    Link alert = alertLink(ctx);
    Link sensor = sensorLink(ctx, scan);
    if (alert.found() && sensor.found()) {
      List<String> refs = new ArrayList<>(alert.references());
      refs.addAll(sensor.references());
      List<String> runs = exercisedRuns(ctx, sensor);
      refs.addAll(runs);
      scan.exercised(triggeredHistory(ctx, sensor.sensor()).exercise());
      String message = alert.description() + " -> " + sensor.description()
          + (runs.isEmpty() ? "; not fired successfully in the last " + TrainingPipelines.LOOK_BACK.toDays() + " days"
              : "; " + runs.size() + " successful triggered run" + (runs.size() == 1 ? "" : "s"));
      return scan.found(refs).verdict(message, "");
    }
    List<String> notes = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    for (Link l : List.of(alert, sensor)) {
      if (!l.found() && l.unreadable().isEmpty()) {
        gaps.add(l.description());
        notes.addAll(l.absent());
      }
    }
    List<String> reasons = new ArrayList<>(alert.unreadable());
    reasons.addAll(sensor.unreadable());
    if (!gaps.isEmpty()) {
      String message = "no " + trigger + "-triggered retraining chain: " + String.join("; ", gaps)
          + (notes.isEmpty() ? "" : " (" + TrainingPipelines.summary(notes, 3) + ")")
          + (reasons.isEmpty() ? "" : "; also not checked: " + String.join("; ", reasons));
      scan.refute(message, notes);
    }
    reasons.forEach(scan::failed);
    return scan.verdict("", "");
  }

  private Link alertLink(ProbeContext ctx) {
    Listing rules = ctx.inNamespace(KindCatalogue.PROMETHEUS_RULE);
    if (!rules.served()) {
      return new Link(List.of(), "", List.of(), List.of(rules.reason()));
    }
    List<String> refs = new ArrayList<>();
    List<String> alerts = new ArrayList<>();
    for (GenericKubernetesResource rule : rules.items()) {
      String objectTrigger = TrainingPipelines.label(rule, TRIGGER_LABEL);
      for (Object group : Fields.list(rule, "spec", "groups")) {
        for (Object r : Fields.list(group, "rules")) {
          Optional<String> alertName = Fields.string(r, "alert").filter(a -> !a.isBlank());
          if (alertName.isPresent() && marksTrigger(r, objectTrigger)) {
            refs.add(ProbeContext.ref(rule) + " alert " + alertName.get());
            alerts.add(alertName.get());
          }
        }
      }
    }
    if (refs.isEmpty()) {
      String how = TRIGGER_LABEL + "=" + trigger + (exprNamesTrigger ? " (or expr mentioning " + trigger + ")" : "");
      return new Link(List.of(), "no PrometheusRule alert labelled " + how, List.of(), List.of());
    }
    return new Link(refs, "alert " + TrainingPipelines.summary(alerts, 2), List.of(), List.of());
  }

  private boolean marksTrigger(Object rule, String objectTrigger) {
    Optional<String> label = Fields.string(rule, "labels", TRIGGER_LABEL).or(() -> Fields.string(rule, "labels", PROMETHEUS_TRIGGER_LABEL))
        .or(() -> Optional.ofNullable(objectTrigger));
    if (label.isPresent()) {
      return trigger.equalsIgnoreCase(label.get().trim());
    }
    return exprNamesTrigger && Fields.string(rule, "expr").map(e -> e.toLowerCase(Locale.ROOT).contains(trigger)).orElse(false);
  }

  private Link sensorLink(ProbeContext ctx, ProviderScan scan) {
    Listing sensors = ctx.inNamespace(KindCatalogue.SENSOR);
    Listing sources = ctx.inNamespace(KindCatalogue.EVENT_SOURCE);
    List<String> unreadable = new ArrayList<>();
    for (Listing l : List.of(sensors, sources)) {
      if (!l.served()) {
        unreadable.add(l.reason());
      }
    }
    if (!unreadable.isEmpty()) {
      return new Link(List.of(), "", List.of(), unreadable);
    }
    TrainingPipelines pipelines = TrainingPipelines.discover(ctx, scan);
    Map<String, GenericKubernetesResource> webhookSources = new LinkedHashMap<>();
    sources.items().stream().filter(s -> Fields.map(s, "spec", "webhook").map(m -> !m.isEmpty()).orElse(false))
        .forEach(s -> webhookSources.put(TrainingPipelines.name(s), s));
    List<String> absent = new ArrayList<>();
    for (GenericKubernetesResource sensor : sensors.items()) {
      if (Fields.hasCondition(sensor, "Deployed", "False")) {
        absent.add(ProbeContext.ref(sensor) + " is not deployed (condition Deployed=False)");
        continue;
      }
      Optional<GenericKubernetesResource> source = webhookDependency(sensor, webhookSources);
      if (source.isEmpty()) {
        absent.add(ProbeContext.ref(sensor) + " has no dependency on a webhook EventSource");
        continue;
      }
      Optional<String> training = Fields.list(sensor, "spec", "triggers").stream()
          .map(t -> launchedTraining(ctx, sensor, t, pipelines)).flatMap(Optional::stream).findFirst();
      if (training.isEmpty()) {
        absent.add(ProbeContext.ref(sensor) + " does not launch the workload's training");
        continue;
      }
      List<String> refs = List.of(ProbeContext.ref(sensor), ProbeContext.ref(source.get()));
      String description = "EventSource " + TrainingPipelines.name(source.get()) + " (webhook) -> Sensor "
          + TrainingPipelines.name(sensor) + " -> " + training.get();
      return new Link(refs, description, List.of(), List.of(), TrainingPipelines.name(sensor));
    }
    if (pipelines.isEmpty() && !pipelines.unreadable().isEmpty()) {
      return new Link(List.of(), "", absent, pipelines.unreadable());
    }
    String description = sensors.items().isEmpty() ? "no Sensor in the namespace" : "no Sensor launches the workload's training from a webhook";
    return new Link(List.of(), description, absent, List.of());
  }

  private static Optional<GenericKubernetesResource> webhookDependency(GenericKubernetesResource sensor, Map<String, GenericKubernetesResource> webhookSources) {
    for (Object dep : Fields.list(sensor, "spec", "dependencies")) {
      GenericKubernetesResource source = Fields.string(dep, "eventSourceName").map(webhookSources::get).orElse(null);
      if (source == null) {
        continue;
      }
      Optional<String> eventName = Fields.string(dep, "eventName");
      if (eventName.isEmpty() || Fields.map(source, "spec", "webhook").map(m -> m.containsKey(eventName.get())).orElse(false)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  /** What the trigger launches, when that is the workload's training ("WorkflowTemplate fraud-train"). */
  static Optional<String> launchedTraining(ProbeContext ctx, GenericKubernetesResource sensor, Object trigger, TrainingPipelines pipelines) {
    Object spec;
    String operation;
    Optional<Object> argo = Fields.at(trigger, "template", "argoWorkflow");
    if (argo.isPresent()) {
      spec = argo.get();
      operation = Fields.string(spec, "operation").orElse("submit");
      if (!operation.equals("submit") && !operation.equals("submit-from")) {
        return Optional.empty();
      }
    } else {
      Optional<Object> k8s = Fields.at(trigger, "template", "k8s");
      if (k8s.isEmpty()) {
        return Optional.empty();
      }
      spec = k8s.get();
      operation = Fields.string(spec, "operation").orElse("create");
      if (!operation.equals("create")) {
        return Optional.empty();
      }
    }
    Object resource = Fields.at(spec, "source", "resource").orElse(null);
    String kind = Fields.string(resource, "kind").orElse("");
    String name = Fields.string(resource, "metadata", "name").orElse("");
    switch (kind) {
      case "Workflow" -> {
        Optional<String> tpl = Fields.string(resource, "spec", "workflowTemplateRef", "name").filter(pipelines.argoTemplates()::contains);
        if (tpl.isPresent()) {
          return Optional.of("WorkflowTemplate " + tpl.get());
        }
      }
      case "PipelineRun" -> {
        Optional<String> pl = Fields.string(resource, "spec", "pipelineRef", "name").filter(pipelines.tektonPipelines()::contains);
        if (pl.isPresent()) {
          return Optional.of("Pipeline " + pl.get());
        }
      }
      case "WorkflowTemplate" -> {
        return pipelines.argoTemplates().contains(name) ? Optional.of("WorkflowTemplate " + name) : Optional.empty();
      }
      case "CronWorkflow" -> {
        return pipelines.cronWorkflows().contains(name) ? Optional.of("CronWorkflow " + name) : Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    Fields.map(resource, "metadata", "labels").orElse(Map.of()).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    if (SelectorMatcher.matches(ctx.target().selector(), labels)) {
      return Optional.of(kind + " labelled for the workload");
    }
    return ctx.isBound(sensor) ? Optional.of(kind + " (the Sensor is bound to the workload)") : Optional.empty();
  }

  /** The newest successful run the Sensor created (no look-back: a model's exercisedWithin decides what is recent). */
  private static RunHistory triggeredHistory(ProbeContext ctx, String sensorName) {
    return new RunHistory()
        .read(ctx.inNamespace(KindCatalogue.WORKFLOW).filter(w -> sensorName.equals(TrainingPipelines.label(w, SENSOR_LABEL))),
            TrainingPipelines::argoSucceeded, TrainingPipelines::finishedAt)
        .read(ctx.inNamespace(KindCatalogue.TEKTON_PIPELINE_RUN).filter(r -> sensorName.equals(TrainingPipelines.label(r, SENSOR_LABEL))),
            TrainingPipelines::tektonSucceeded, TrainingPipelines::finishedAt);
  }

  private static List<String> exercisedRuns(ProbeContext ctx, Link sensorLink) {
    String sensorName = sensorLink.sensor();
    List<GenericKubernetesResource> runs = new ArrayList<>();
    ctx.inNamespace(KindCatalogue.WORKFLOW).items().stream()
        .filter(w -> sensorName.equals(TrainingPipelines.label(w, SENSOR_LABEL))).filter(TrainingPipelines::argoSucceeded).forEach(runs::add);
    ctx.inNamespace(KindCatalogue.TEKTON_PIPELINE_RUN).items().stream()
        .filter(r -> sensorName.equals(TrainingPipelines.label(r, SENSOR_LABEL))).filter(TrainingPipelines::tektonSucceeded).forEach(runs::add);
    return TrainingPipelines.newestWithin(ctx, runs);
  }
}
