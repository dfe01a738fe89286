package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Traffic of a KServe {@code InferenceService} (serving.kserve.io/v1beta1, PROBES.md b.18, Appendix D). */
record KServeTraffic(GenericKubernetesResource isvc) {
  static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";

  /** The deployment mode from the annotation or status; empty means the cluster default. */
  Optional<String> deploymentMode() {
    Optional<String> annotated = Optional.ofNullable(isvc.getMetadata().getAnnotations()).map(a -> a.get(DEPLOYMENT_MODE));
    return annotated.or(() -> Fields.string(isvc, "status", "deploymentMode"));
  }

  /** Standard (legacy RawDeployment) and ModelMesh ignore canaryTrafficPercent: it is Knative (Serverless) only. */
  boolean ignoresCanaryPercent() {
    return deploymentMode().map(m -> m.equalsIgnoreCase("Standard") || m.equalsIgnoreCase("RawDeployment")
        || m.equalsIgnoreCase("ModelMesh")).orElse(false);
  }

  Optional<Double> canaryTrafficPercent() {
    return TrafficWeight.at(isvc, "spec", "predictor", "canaryTrafficPercent");
  }

  /** Entries of {@code status.components.predictor.traffic} that carry traffic, as "10% rev-00002". */
  List<String> servingRevisions() {
    List<String> revisions = new ArrayList<>();
    for (Object t : Fields.list(isvc, "status", "components", "predictor", "traffic")) {
      TrafficWeight.at(t, "percent").filter(p -> p > 0).ifPresent(p ->
          revisions.add(TrafficWeight.format(p) + " " + Fields.string(t, "revisionName").or(() -> Fields.string(t, "tag")).orElse("?")));
    }
    return revisions;
  }

  /** Canaries of the (newer, Standard-mode) {@code spec.canary[]} list with a partial traffic percent. */
  List<String> canaryEntries() {
    List<String> entries = new ArrayList<>();
    List<Object> canaries = Fields.list(isvc, "spec", "canary");
    for (int i = 0; i < canaries.size(); i++) {
      int index = i;
      TrafficWeight.at(canaries.get(i), "trafficPercent").filter(TrafficWeight::partial)
          .ifPresent(p -> entries.add("canary[" + index + "] " + TrafficWeight.format(p)));
    }
    return entries;
  }
}
