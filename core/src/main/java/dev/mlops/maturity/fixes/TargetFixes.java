package dev.mlops.maturity.fixes;

import java.util.List;

/**
 * The suggestions for one target: its level, the next level, and one suggestion per requirement of the
 * next level that does not hold. {@code note} says why there are none (top level reached, invalid target).
 */
public record TargetFixes(String namespace, String name, String model, Integer observedLevel, Integer nextLevel, String nextLevelName,
    List<Suggestion> suggestions, String note) {
  public TargetFixes {
    suggestions = List.copyOf(suggestions);
  }

  /** True when applying the manifests alone can raise the level: every blocking requirement has manifests. */
  public boolean manifestsSuffice() {
    return !suggestions.isEmpty() && suggestions.stream().allMatch(s -> s.remedy() == Remedy.MANIFESTS);
  }

  public List<FixManifest> manifests() {
    return suggestions.stream().flatMap(s -> s.manifests().stream()).toList();
  }
}
