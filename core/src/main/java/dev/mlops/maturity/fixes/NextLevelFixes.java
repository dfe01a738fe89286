package dev.mlops.maturity.fixes;

import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.WorkloadTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * For each requirement of a target's next level that does not hold, the fix: the manifests of the
 * capability's {@link Fix} when one exists, else what is needed instead ({@link ManualRemedies}). For an
 * {@code anyOf} requirement the first alternative with manifests wins.
 */
public final class NextLevelFixes {
  private final Map<String, Fix> fixes;

  public NextLevelFixes(List<Fix> fixes) {
    this.fixes = fixes.stream().collect(Collectors.toMap(Fix::capability, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  /** The fix kinds of issue 18: monitoring, retraining schedule, drift chain, canary, right-sizing. */
  public static NextLevelFixes standard() {
    return new NextLevelFixes(List.of(new ServiceMonitorFix(), new RetrainingScheduleFix(), new DriftRetrainingFix(), new CanaryFix(),
        new RightSizingFix()));
  }

  public TargetFixes suggest(TargetAssessment assessed, WorkloadTarget target, ClusterView cluster) {
    String ns = assessed.namespace();
    String name = assessed.name();
    if (!assessed.problems().isEmpty() || assessed.assessment().isEmpty()) {
      return new TargetFixes(ns, name, assessed.model(), null, null, null, List.of(),
          "the target has spec problems: fix them first (no level is published)");
    }
    LevelOutcome outcome = assessed.assessment().get();
    MaturityModelDefinition model = outcome.model();
    int current = outcome.observedLevel();
    if (current >= model.topLevel()) {
      return new TargetFixes(ns, name, model.id(), current, null, null, List.of(), "at the model's top level: nothing blocks a next level");
    }
    Level next = model.level(current + 1);
    Map<String, Evidence> evidence = new LinkedHashMap<>();
    for (CapabilityResult c : outcome.capabilities()) {
      evidence.putIfAbsent(c.id(), c.evidence());
    }
    List<Requirement> blocking = next.requires().stream()
        .filter(r -> !r.heldBy(id -> Optional.ofNullable(evidence.get(id)).map(Evidence::holds).orElse(false))).toList();
    List<Suggestion> suggestions = new ArrayList<>();
    for (Requirement r : blocking) {
      List<String> others = blocking.stream().filter(o -> o != r).map(Requirement::describe).toList();
      suggestions.add(forRequirement(r, others, model, next, evidence, target, cluster));
    }
    return new TargetFixes(ns, name, model.id(), current, next.number(), next.name(), suggestions,
        blocking.isEmpty() ? "nothing blocks level " + next.number() : null);
  }

  private Suggestion forRequirement(Requirement r, List<String> others, MaturityModelDefinition model, Level next, Map<String, Evidence> evidence,
      WorkloadTarget target, ClusterView cluster) {
    Suggestion first = null;
    for (String id : r.anyOf()) {
      FixContext ctx = new FixContext(target, cluster, model.id(), id, next.number(), next.name(), others, evidence.get(id));
      Fix fix = fixes.get(id);
      Suggestion s = fix != null ? fix.suggest(ctx) : ManualRemedies.of(ctx, model.acceptsDeclared(id));
      if (s.remedy() == Remedy.MANIFESTS) {
        return s;
      }
      first = first == null ? s : first;
    }
    if (r.isSingle()) {
      return first;
    }
    return new Suggestion(first.capability(), first.level(), first.levelName(), first.remedy(),
        "one of " + String.join(", ", r.anyOf()) + " is enough; " + first.capability() + ": " + first.message(), List.of());
  }
}
