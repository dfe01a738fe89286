package dev.mlops.maturity.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated maturity model: levels 0..top in order, and the capabilities that accept declared evidence. */
public record MaturityModelDefinition(String id, String description, List<Level> levels, Set<String> acceptDeclared) {
  public MaturityModelDefinition {
    levels = List.copyOf(levels);
    acceptDeclared = Set.copyOf(acceptDeclared);
    description = description == null ? "" : description;
  }

  public int topLevel() {
    return levels.get(levels.size() - 1).number();
  }

  public Level level(int number) {
    return levels.get(number);
  }

  public boolean acceptsDeclared(String capability) {
    return acceptDeclared.contains(capability);
  }

  /** Every capability the model requires or recommends, in level order. */
  public Set<String> capabilities() {
    Set<String> ids = new LinkedHashSet<>();
    for (Level level : levels) {
      level.requires().forEach(r -> ids.addAll(r.anyOf()));
      level.recommends().forEach(r -> ids.addAll(r.anyOf()));
    }
    return ids;
  }

  /**
   * The exercisedWithin window per capability; a capability named by several requirements with windows
   * gets the shortest, because its verdict is one per workload.
   */
  public Map<String, Duration> exerciseWindows() {
    Map<String, Duration> windows = new LinkedHashMap<>();
    for (Level level : levels) {
      for (Requirement r : level.requires()) {
        addWindows(windows, r);
      }
      for (Requirement r : level.recommends()) {
        addWindows(windows, r);
      }
    }
    return windows;
  }

  private static void addWindows(Map<String, Duration> windows, Requirement r) {
    if (r.exercisedWithin() != null) {
      r.anyOf().forEach(id -> windows.merge(id, r.exercisedWithin(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
    }
  }
}
