package dev.mlops.maturity.evaluation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What makes a label selector unusable (null values, unknown operators), named by its path, before any probe matches with it. */
final class SelectorProblems {
  static final String INVALID_SELECTOR = "InvalidSelector";
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private SelectorProblems() {}

  static Optional<SpecProblem> check(LabelSelector selector, String path) {
    Map<String, String> labels = selector.getMatchLabels();
    if (labels != null) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          String at = path + ".matchLabels." + e.getKey();
          return Optional.of(new SpecProblem(at, INVALID_SELECTOR, at + " must be a string, got null"));
        }
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    for (int i = 0; expressions != null && i < expressions.size(); i++) {
      LabelSelectorRequirement r = expressions.get(i);
      String at = path + ".matchExpressions[" + i + "]";
      if (r == null || r.getKey() == null) {
        return Optional.of(new SpecProblem(at + ".key", INVALID_SELECTOR, at + ".key is required"));
      }
      if (!OPERATORS.contains(r.getOperator())) {
        return Optional.of(new SpecProblem(at + ".operator", INVALID_SELECTOR, at + ".operator must be In, NotIn, Exists or DoesNotExist"));
      }
      if (r.getValues() != null && r.getValues().contains(null)) {
        return Optional.of(new SpecProblem(at + ".values", INVALID_SELECTOR, at + ".values must not hold null"));
      }
    }
    return Optional.empty();
  }
}
