package dev.mlops.maturity.assessment;

import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.model.Capability;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assessments as SARIF 2.1.0, the format code-scanning UIs read: one rule per capability, one result per
 * capability that blocks a target (error: below its target level, warning: blocks only the next level of a
 * target that meets its target, note: could not be checked), located at the MaturityTarget (a logical location).
 */
final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INVALID_TARGET = "invalid-target";
  private static final String TOOL = "mlops-maturity-operator";
  private static final String HOME = "https://github.com/mlops-maturity/mlops-maturity-operator";

  private SarifReport() {}

  static Map<String, Object> tree(List<TargetAssessment> assessments) {
    List<String> ruleIds = new ArrayList<>(assessments.stream().flatMap(t -> t.assessment().stream())
        .flatMap(a -> a.capabilities().stream()).map(CapabilityResult::id).collect(Collectors.toCollection(TreeSet::new)));
    ruleIds.add(INVALID_TARGET);
    List<Map<String, Object>> results = new ArrayList<>();
    for (TargetAssessment t : assessments) {
      if (!t.problems().isEmpty() || t.assessment().isEmpty()) {
        results.add(result(ruleIds, INVALID_TARGET, "error", t, t.namespace() + "/" + t.name() + " is not a valid MaturityTarget: "
            + t.problems().stream().map(Object::toString).collect(Collectors.joining("; "))));
        continue;
      }
      blocking(t, t.assessment().get(), ruleIds, results);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", TOOL);
    driver.put("informationUri", HOME);
    driver.put("rules", ruleIds.stream().map(SarifReport::rule).toList());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("results", results);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    root.put("runs", List.of(run));
    return root;
  }

  /** The capabilities of every level above the observed one up to the target level (at least the next level) that no requirement holds. */
  private static void blocking(TargetAssessment t, LevelOutcome a, List<String> ruleIds, List<Map<String, Object>> results) {
    Map<String, CapabilityResult> byId = a.capabilities().stream()
        .collect(Collectors.toMap(CapabilityResult::id, Function.identity(), (x, y) -> x, LinkedHashMap::new));
    int upTo = Math.min(a.model().topLevel(), Math.max(a.targetLevel(), a.observedLevel() + 1));
    List<String> reported = new ArrayList<>();
    for (Level level : a.model().levels()) {
      if (level.number() <= a.observedLevel() || level.number() > upTo) {
        continue;
      }
      for (Requirement r : level.requires()) {
        if (r.heldBy(id -> byId.containsKey(id) && byId.get(id).evidence().state().holds())) {
          continue;
        }
        for (String id : r.anyOf()) {
          CapabilityResult c = byId.get(id);
          if (c == null || reported.contains(id)) {
            continue;
          }
          reported.add(id);
          boolean unknown = c.evidence().state() == CapabilityState.Unknown;
          String severity = unknown ? "note" : level.number() <= a.targetLevel() ? "error" : "warning";
          String message = t.namespace() + "/" + t.name() + ": " + id + " is " + c.evidence().state()
              + (c.evidence().message() == null || c.evidence().message().isBlank() ? "" : " (" + c.evidence().message() + ")")
              + "; " + (r.isSingle() ? "required" : "one of " + String.join(", ", r.anyOf()) + " is required")
              + " for level " + level.number() + " (" + level.name() + ") of " + a.model().id()
              + (level.number() <= a.targetLevel() ? ", at or below the target level " + a.targetLevel() : "");
          results.add(result(ruleIds, id, severity, t, message));
        }
      }
    }
  }

  private static Map<String, Object> result(List<String> ruleIds, String ruleId, String level, TargetAssessment t, String message) {
    Map<String, Object> logical = new LinkedHashMap<>();
    logical.put("name", t.name());
    logical.put("fullyQualifiedName", t.namespace() + "/" + t.name());
    logical.put("kind", "resource");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ruleId", ruleId);
    result.put("ruleIndex", ruleIds.indexOf(ruleId));
    result.put("level", level);
    result.put("message", Map.of("text", message));
    result.put("locations", List.of(Map.of("logicalLocations", List.of(logical))));
    return result;
  }

  private static Map<String, Object> rule(String id) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", id);
    if (INVALID_TARGET.equals(id)) {
      rule.put("shortDescription", Map.of("text", "The MaturityTarget's spec has problems, so it publishes no level."));
      return rule;
    }
    Capability capability = CapabilityCatalogue.find(id).orElse(null);
    rule.put("shortDescription", Map.of("text", capability == null || capability.meaning() == null ? id : capability.meaning()));
    if (capability != null && capability.howToClimb() != null && !capability.howToClimb().isBlank()) {
      rule.put("help", Map.of("text", capability.howToClimb()));
    }
    return rule;
  }
}
