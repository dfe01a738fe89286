package dev.mlops.maturity.model;

import dev.mlops.maturity.api.v1alpha1.LevelSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.RequirementSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a MaturityModel resource into a validated definition, or says everything that is wrong with it. */
public final class ModelReader {
  private ModelReader() {}

  public static MaturityModelDefinition read(MaturityModel resource) throws InvalidModelException {
    String id = resource.getMetadata() == null ? null : resource.getMetadata().getName();
    if (id == null || id.isBlank()) {
      throw new InvalidModelException("<unnamed>", List.of("metadata.name is required"));
    }
    List<String> problems = new ArrayList<>();
    if (resource.getSpec() == null || resource.getSpec().levels == null || resource.getSpec().levels.isEmpty()) {
      throw new InvalidModelException(id, List.of("spec.levels is empty: a model needs at least level 0"));
    }
    List<LevelSpec> specs = new ArrayList<>(resource.getSpec().levels);
    specs.removeIf(l -> {
      if (l == null || l.level == null) {
        problems.add("a level has no level number");
        return true;
      }
      return false;
    });
    specs.sort(Comparator.comparing(l -> l.level));
    Set<Integer> seen = new HashSet<>();
    for (LevelSpec l : specs) {
      if (!seen.add(l.level)) {
        problems.add("level " + l.level + " is defined twice");
      }
    }
    for (int i = 0; i < specs.size(); i++) {
      if (!seen.contains(i)) {
        problems.add("gap in levels: level " + i + " is missing (levels must run 0, 1, 2, ... without gaps)");
        break;
      }
    }
    Set<String> acceptDeclared = new LinkedHashSet<>();
    for (String c : nullSafe(resource.getSpec().acceptDeclared)) {
      if (!CapabilityCatalogue.contains(c)) {
        problems.add("acceptDeclared names unknown capability '" + c + "'");
      }
      acceptDeclared.add(c);
    }
    List<Level> levels = new ArrayList<>();
    Set<String> requiredSoFar = new HashSet<>();
    Set<Integer> added = new HashSet<>();
    for (LevelSpec l : specs) {
      if (!added.add(l.level)) {
        continue;
      }
      String where = "level " + l.level;
      if (l.name == null || l.name.isBlank()) {
        problems.add(where + " has no name");
      }
      List<Requirement> requires = requirements(where + " requires", l.requires, problems);
      List<Requirement> recommends = requirements(where + " recommends", l.recommends, problems);
      if (l.level > 0 && requires.isEmpty()) {
        problems.add(where + " is empty: every level above 0 must require at least one capability");
      }
      if (l.level == 0 && !requires.isEmpty()) {
        problems.add("level 0 must require nothing: every workload is at least level 0");
      }
      for (Requirement r : requires) {
        if (r.isSingle() && !requiredSoFar.add(r.anyOf().get(0))) {
          problems.add(where + " requires '" + r.anyOf().get(0) + "' again: it is already required at a lower level");
        }
        for (String c : r.anyOf()) {
          CapabilityCatalogue.find(c).filter(Capability::declaredOnly).filter(x -> !acceptDeclared.contains(c))
              .ifPresent(x -> problems.add(where + " requires declared-only capability '" + c
                  + "' but acceptDeclared does not list it, so the level could never be reached"));
        }
      }
      levels.add(new Level(l.level, l.name, l.description, requires, recommends));
    }
    if (!problems.isEmpty()) {
      throw new InvalidModelException(id, problems);
    }
    String description = resource.getSpec().description;
    return new MaturityModelDefinition(id, description, levels, acceptDeclared);
  }

  private static List<Requirement> requirements(String where, List<RequirementSpec> specs, List<String> problems) {
    List<Requirement> out = new ArrayList<>();
    for (RequirementSpec s : nullSafe(specs)) {
      boolean single = s.capability != null;
      boolean any = s.anyOf != null && !s.anyOf.isEmpty();
      if (single == any) {
        problems.add(where + ": set exactly one of capability or anyOf");
        continue;
      }
      List<String> ids = single ? List.of(s.capability) : s.anyOf;
      if (any && new HashSet<>(ids).size() < 2) {
        problems.add(where + ": anyOf needs at least two distinct capabilities");
        continue;
      }
      boolean ok = true;
      for (String c : ids) {
        if (!CapabilityCatalogue.contains(c)) {
          problems.add(where + " names unknown capability '" + c + "'");
          ok = false;
        }
      }
      if (ok) {
        out.add(new Requirement(ids));
      }
    }
    return out;
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
