package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Seldon Core 2 {@code Experiment} (mlops.seldon.io/v1alpha1, PROBES.md b.19, b.20). */
record SeldonExperiment(GenericKubernetesResource experiment) {

  /** Candidates with weight > 0, as "iris 50"; older samples name a candidate with {@code modelName}. */
  List<String> weightedCandidates() {
    List<String> candidates = new ArrayList<>();
    for (Object c : Fields.list(experiment, "spec", "candidates")) {
      Optional<Double> weight = TrafficWeight.at(c, "weight");
      if (TrafficWeight.positive(weight)) {
        String name = Fields.string(c, "name").or(() -> Fields.string(c, "modelName")).orElse("?");
        candidates.add(name + " " + weight.map(w -> String.valueOf(w.longValue())).orElse(""));
      }
    }
    return candidates;
  }

  /** The mirror model or pipeline and its percentage, unless it mirrors 0%. */
  Optional<String> mirror() {
    Optional<String> name = Fields.string(experiment, "spec", "mirror", "name")
        .or(() -> Fields.string(experiment, "spec", "mirror", "modelName"));
    double percent = TrafficWeight.at(experiment, "spec", "mirror", "percent").orElse(100.0);
    return name.filter(n -> percent > 0).map(n -> n + " (" + TrafficWeight.format(percent) + ")");
  }

  /**
   * Ready unless the controller reports otherwise: once status carries conditions, {@code ExperimentReady}
   * must be True (a not-yet-reconciled Experiment has no conditions).
   */
  boolean ready() {
    return Fields.conditions(experiment).isEmpty() || Fields.hasCondition(experiment, "ExperimentReady", "True");
  }
}
