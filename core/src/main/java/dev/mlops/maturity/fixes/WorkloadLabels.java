package dev.mlops.maturity.fixes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Labels that make a new object match a workload selector: matchLabels, plus the first value of each {@code In}. */
final class WorkloadLabels {
  private WorkloadLabels() {}

  static Map<String, String> of(LabelSelector selector) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (selector == null) {
      return labels;
    }
    if (selector.getMatchLabels() != null) {
      labels.putAll(selector.getMatchLabels());
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (LabelSelectorRequirement e : expressions) {
      if ("In".equals(e.getOperator()) && e.getValues() != null && !e.getValues().isEmpty()) {
        labels.putIfAbsent(e.getKey(), e.getValues().get(0));
      } else if ("Exists".equals(e.getOperator())) {
        labels.putIfAbsent(e.getKey(), "true");
      }
    }
    return labels;
  }
}
