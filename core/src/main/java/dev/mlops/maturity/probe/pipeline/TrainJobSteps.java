package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/**
 * Steps of an Argo WorkflowTemplate (or inline CronWorkflow) that create a Kubeflow Trainer TrainJob:
 * a {@code resource} template with {@code action: create|apply} whose manifest is a
 * {@code trainer.kubeflow.org} TrainJob. The manifest is a string with Argo placeholders, so it is read
 * line by line, never parsed as YAML or matched with a regex.
 */
final class TrainJobSteps {
  private TrainJobSteps() {}

  /** "step 'train' creates a TrainJob" for each such template. */
  static List<String> of(GenericKubernetesResource definition) {
    List<Object> templates = Fields.list(definition, "spec", "templates");
    if (templates.isEmpty()) {
      templates = Fields.list(definition, "spec", "workflowSpec", "templates");
    }
    return templates.stream().filter(TrainJobSteps::createsTrainJob)
        .map(t -> "step " + Quoted.of(Fields.string(t, "name").orElse("?")) + " creates a TrainJob").toList();
  }

  static boolean createsTrainJob(Object template) {
    String action = Fields.string(template, "resource", "action").orElse("");
    String manifest = Fields.string(template, "resource", "manifest").orElse("");
    if (!action.equals("create") && !action.equals("apply")) {
      return false;
    }
    boolean kind = manifest.lines().map(String::strip).anyMatch("kind: TrainJob"::equals);
    boolean group = manifest.lines().map(String::strip).anyMatch(l -> l.startsWith("apiVersion: trainer.kubeflow.org/"));
    return kind && group;
  }
}
