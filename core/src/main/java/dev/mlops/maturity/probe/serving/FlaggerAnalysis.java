package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis of a Flagger {@code Canary} (flagger.app/v1beta1, PROBES.md b.18-b.20, b.28). Reads
 * {@code spec.analysis} and falls back to the deprecated {@code spec.canaryAnalysis}.
 */
record FlaggerAnalysis(GenericKubernetesResource canary) {

  private Map<String, Object> analysis() {
    return Fields.map(canary, "spec", "analysis").or(() -> Fields.map(canary, "spec", "canaryAnalysis")).orElse(Map.of());
  }

  boolean present() {
    return !analysis().isEmpty();
  }

  /** {@code skipAnalysis: true} promotes without analysing or shifting traffic. */
  boolean skipped() {
    return Fields.isTrue(canary, "spec", "skipAnalysis");
  }

  /** {@code spec.suspend: true} stops every canary run: the Canary is configured but not active (PROBES.md e). */
  boolean suspended() {
    return Fields.isTrue(canary, "spec", "suspend");
  }

  /** Header/cookie match rules: Flagger then runs A/B testing instead of weighted canary. */
  boolean matches() {
    return !Fields.list(analysis(), "match").isEmpty();
  }

  Optional<Double> iterations() {
    return TrafficWeight.at(analysis(), "iterations").filter(i -> i > 0);
  }

  /** How the canary's weight grows, e.g. "stepWeight 10% up to 50%", empty when no weights are set. */
  Optional<String> weightSchedule() {
    Optional<Double> step = TrafficWeight.at(analysis(), "stepWeight").filter(TrafficWeight::partial);
    List<String> steps = new ArrayList<>();
    for (Object w : Fields.list(analysis(), "stepWeights")) {
      TrafficWeight.of(w).filter(TrafficWeight::partial).map(TrafficWeight::format).ifPresent(steps::add);
    }
    Optional<Double> max = TrafficWeight.at(analysis(), "maxWeight").filter(m -> m > 0);
    String upTo = max.map(m -> " up to " + TrafficWeight.format(m)).orElse("");
    if (step.isPresent()) {
      return Optional.of("stepWeight " + TrafficWeight.format(step.get()) + upTo);
    }
    if (!steps.isEmpty()) {
      return Optional.of("stepWeights " + String.join(", ", steps));
    }
    return max.map(m -> "maxWeight " + TrafficWeight.format(m));
  }

  boolean mirrors() {
    return Fields.isTrue(analysis(), "mirror");
  }

  Optional<Double> mirrorWeight() {
    return TrafficWeight.at(analysis(), "mirrorWeight");
  }

  Optional<Double> threshold() {
    return TrafficWeight.at(analysis(), "threshold").filter(t -> t > 0);
  }

  /** Names of the metric checks and webhooks that can count as failed checks. */
  List<String> checks() {
    List<String> names = new ArrayList<>();
    Fields.list(analysis(), "metrics").forEach(m -> names.add(Fields.string(m, "name").orElse("metric")));
    Fields.list(analysis(), "webhooks").forEach(w -> names.add(Fields.string(w, "name").orElse("webhook")));
    return names;
  }

  Optional<String> phase() {
    return Fields.string(canary, "status", "phase");
  }
}
