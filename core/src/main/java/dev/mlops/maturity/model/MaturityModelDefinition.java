package dev.mlops.maturity.model;

import java.util.LinkedHashSet;
import java.util.List;
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
}
