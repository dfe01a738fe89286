package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.prometheus.PromQlSelector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;

/** The metrics of an Argo Rollouts (Cluster)AnalysisTemplate that can fail an analysis and so abort the rollout. */
final class AnalysisTemplateMetrics {
  private AnalysisTemplateMetrics() {}

  /**
   * Metric names with a failure rule ({@code failureCondition}, {@code successCondition} - a false
   * result is a failed measurement - or a {@code failureLimit}), excluding dry-run metrics (from the
   * template or the Rollout) and metrics with a negative failureLimit, which never fail.
   */
  static List<String> failing(GenericKubernetesResource template, List<String> rolloutDryRun) {
    List<String> dryRun = new ArrayList<>(rolloutDryRun);
    Fields.list(template, "spec", "dryRun").forEach(d -> Fields.string(d, "metricName").ifPresent(dryRun::add));
    List<String> failing = new ArrayList<>();
    for (Object metric : Fields.list(template, "spec", "metrics")) {
      String name = Fields.string(metric, "name").orElse("?");
      boolean hasRule = Fields.string(metric, "failureCondition").isPresent()
          || Fields.string(metric, "successCondition").isPresent()
          || Fields.string(metric, "failureLimit").isPresent();
      boolean neverFails = Fields.number(metric, "failureLimit").map(l -> l < 0).orElse(false);
      if (hasRule && !neverFails && !matchesAny(dryRun, name)) {
        failing.add(name);
      }
    }
    return failing;
  }

  // Argo Rollouts treats dryRun metricName as a (Go, RE2) regular expression (".*" = every metric).
  private static boolean matchesAny(List<String> patterns, String name) {
    for (String p : patterns) {
      if (p.equals(name)) {
        return true;
      }
      // the pattern comes from a Rollout any team may write: RE2/J runs in linear time (issue 19); an invalid one matches nothing
      if (PromQlSelector.fullMatch(p, name)) {
        return true;
      }
    }
    return false;
  }
}
