package dev.mlops.maturity.model;

import dev.mlops.maturity.api.v1alpha1.LevelSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.RequirementSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Turns a MaturityModel resource into a validated definition, or says everything that is wrong with it. */
public final class ModelReader {
  /** The CRD bounds targetLevel to 0..10, so no model may go higher. */
  public static final int MAX_LEVEL = 10;

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
    specs.removeIf(l -> {
      if (l.level < 0 || l.level > MAX_LEVEL) {
        problems.add("level " + l.level + " is out of range: levels are numbered 0.." + MAX_LEVEL);
        return true;
      }
      return false;
    });
    specs.sort(Comparator.comparing(l -> l.level));
    Set<Integer> seen = new HashSet<>();
    for (LevelSpec l : specs) {
      if (!seen.add(l.level)) {
        problems.add("duplicate level: level " + l.level + " is defined twice");
      }
    }
    // distinct levels must be exactly 0..n-1; a duplicate alone is not a gap
    for (int i = 0; i < seen.size(); i++) {
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
    Map<String, Integer> requiredAt = new HashMap<>();
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
      for (Requirement r : concat(requires, recommends)) {
        r.anyOf().stream().filter(c -> r.exercisedWithin() != null && acceptDeclared.contains(c)).forEach(c -> problems.add(where
            + ": exercisedWithin on '" + c + "' contradicts acceptDeclared: a declaration cannot show that it ran; drop one of them"));
      }
      // judged on the spec, so an unknown id is not also reported as an empty level
      if (l.level > 0 && nullSafe(l.requires).isEmpty()) {
        problems.add(where + " is empty: every level above 0 must require at least one capability");
      }
      if (l.level == 0 && !nullSafe(l.requires).isEmpty()) {
        problems.add("level 0 must require nothing: every workload is at least level 0");
      }
      for (Requirement r : requires) {
        if (r.isSingle()) {
          Integer first = requiredAt.putIfAbsent(r.anyOf().get(0), l.level);
          if (first != null) {
            problems.add("capability '" + r.anyOf().get(0) + "' is required twice (at level " + first + " and again at "
                + where + "): require it once, at the lowest level that needs it");
          }
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
      if (s == null) {
        problems.add(where + ": an entry is empty (set capability or anyOf)");
        continue;
      }
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
      if (any && new HashSet<>(ids).size() < ids.size()) {
        problems.add(where + ": anyOf(" + String.join("|", ids) + ") names a capability twice");
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
        window(where, ids, s.exercisedWithin, problems).ifPresentOrElse(w -> out.add(new Requirement(ids, w)), () -> {
          if (s.exercisedWithin == null) {
            out.add(new Requirement(ids));
          }
        });
      }
    }
    return out;
  }

  /** The parsed exercisedWithin; empty (with a problem when it was set and is wrong) otherwise. */
  private static Optional<Duration> window(String where, List<String> ids, String text, List<String> problems) {
    if (text == null) {
      return Optional.empty();
    }
    String what = where + " " + (ids.size() == 1 ? ids.get(0) : "anyOf(" + String.join("|", ids) + ")");
    Optional<Duration> window = ExerciseWindow.parse(text);
    if (window.isEmpty()) {
      problems.add(what + ": exercisedWithin '" + text + "' is not a positive duration of at most "
          + ExerciseWindow.format(ExerciseWindow.MAXIMUM) + " (write e.g. 14d, 36h or 1d12h)");
      return window;
    }
    for (String id : ids) {
      if (!ExerciseWindow.RECORDED.contains(id)) {
        problems.add(what + ": exercisedWithin cannot apply to '" + id + "': no probe records when it last ran (it can apply to "
            + String.join(", ", new TreeSet<>(ExerciseWindow.RECORDED)) + ")");
        return Optional.empty();
      }
    }
    return window;
  }

  private static List<Requirement> concat(List<Requirement> a, List<Requirement> b) {
    List<Requirement> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
