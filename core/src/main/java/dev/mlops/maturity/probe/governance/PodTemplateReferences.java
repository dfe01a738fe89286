package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pod template (or a pipeline's step templates) refers to: the ConfigMaps it mounts or reads
 * ({@code volumes[].configMap}, projected volume sources, {@code envFrom[].configMapRef},
 * {@code env[].valueFrom.configMapKeyRef}) and its literal {@code env[].value}s. Pipelines are read from their
 * specs, not from live pods, because training pods are short-lived.
 */
record PodTemplateReferences(Set<String> configMaps, Set<String> envValues) {

  PodTemplateReferences() {
    this(new LinkedHashSet<>(), new LinkedHashSet<>());
  }

  /** True when an env value names the host (a Service name is enough: "feast-fraud-registry:80"). */
  boolean mentions(String host) {
    return host != null && !host.isBlank() && envValues.stream().anyMatch(v -> v.contains(host));
  }

  /** Serving side: Deployment/StatefulSet/Rollout {@code spec.template.spec}; InferenceService predictor and transformer. */
  static PodTemplateReferences ofServing(GenericKubernetesResource r) {
    PodTemplateReferences names = new PodTemplateReferences();
    if ("InferenceService".equals(r.getKind())) {
      for (String component : List.of("predictor", "transformer", "explainer")) {
        Fields.map(r, "spec", component).ifPresent(c -> {
          podSpec(c, names);
          Fields.map(c, "model").ifPresent(m -> container(m, names));
        });
      }
    } else {
      Fields.map(r, "spec", "template", "spec").ifPresent(spec -> podSpec(spec, names));
    }
    return names;
  }

  /** Training side: Argo WorkflowTemplate/CronWorkflow templates, Tekton Pipeline inline taskSpecs, CronJob pod template. */
  static PodTemplateReferences ofTraining(GenericKubernetesResource r) {
    PodTemplateReferences names = new PodTemplateReferences();
    switch (r.getKind()) {
      case "WorkflowTemplate" -> Fields.map(r, "spec").ifPresent(spec -> workflowSpec(spec, names));
      case "CronWorkflow" -> Fields.map(r, "spec", "workflowSpec").ifPresent(spec -> workflowSpec(spec, names));
      case "Pipeline" -> {
        for (String section : List.of("tasks", "finally")) {
          for (Object task : Fields.list(r, "spec", section)) {
            Fields.map(task, "taskSpec").ifPresent(ts -> {
              volumes(ts, names);
              Fields.map(ts, "stepTemplate").ifPresent(st -> container(st, names));
              Fields.list(ts, "steps").forEach(s -> container(s, names));
              Fields.list(ts, "sidecars").forEach(s -> container(s, names));
            });
          }
        }
      }
      case "CronJob" -> Fields.map(r, "spec", "jobTemplate", "spec", "template", "spec").ifPresent(spec -> podSpec(spec, names));
      default -> { }
    }
    return names;
  }

  private static void workflowSpec(Object spec, PodTemplateReferences names) {
    volumes(spec, names);
    for (Object template : Fields.list(spec, "templates")) {
      volumes(template, names);
      Fields.map(template, "container").ifPresent(c -> container(c, names));
      Fields.map(template, "script").ifPresent(c -> container(c, names));
      Fields.list(template, "containerSet", "containers").forEach(c -> container(c, names));
      Fields.list(template, "initContainers").forEach(c -> container(c, names));
      Fields.list(template, "sidecars").forEach(c -> container(c, names));
    }
  }

  private static void podSpec(Object spec, PodTemplateReferences names) {
    volumes(spec, names);
    for (String list : List.of("containers", "initContainers")) {
      Fields.list(spec, list).forEach(c -> container(c, names));
    }
  }

  private static void volumes(Object owner, PodTemplateReferences names) {
    for (Object volume : Fields.list(owner, "volumes")) {
      Fields.string(volume, "configMap", "name").ifPresent(names.configMaps()::add);
      for (Object source : Fields.list(volume, "projected", "sources")) {
        Fields.string(source, "configMap", "name").ifPresent(names.configMaps()::add);
      }
    }
  }

  private static void container(Object container, PodTemplateReferences names) {
    for (Object envFrom : Fields.list(container, "envFrom")) {
      Fields.string(envFrom, "configMapRef", "name").ifPresent(names.configMaps()::add);
    }
    for (Object env : Fields.list(container, "env")) {
      Fields.string(env, "valueFrom", "configMapKeyRef", "name").ifPresent(names.configMaps()::add);
      Fields.string(env, "value").ifPresent(names.envValues()::add);
    }
  }
}
