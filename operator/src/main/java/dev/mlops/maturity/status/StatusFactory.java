package dev.mlops.maturity.status;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.LevelChange;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.api.v1alpha1.NextLevel;
import dev.mlops.maturity.evaluation.Assessment;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evaluation.LevelTransition;
import dev.mlops.maturity.evaluation.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds a MaturityTarget status from an assessment (or from spec problems), with the clock
 * injected: conditions keep their lastTransitionTime unless they flip, and the history keeps the
 * last {@value #HISTORY_LIMIT} level changes.
 */
public final class StatusFactory {
  public static final int HISTORY_LIMIT = 10;
  private static final int MESSAGE_LIMIT = 1024;

  private final Clock clock;

  public StatusFactory(Clock clock) {
    this.clock = clock;
  }

  public String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The status after a successful evaluation; {@code problems} are the spec problems that did not block it. */
  public MaturityTargetStatus evaluated(MaturityTarget target, Assessment a, List<SpecProblem> problems) {
    MaturityTargetStatus previous = target.getStatus();
    Long generation = target.getMetadata().getGeneration();
    MaturityTargetStatus s = new MaturityTargetStatus();
    s.observedGeneration = generation;
    s.model = a.model().id();
    s.observedLevel = a.observedLevel();
    s.observedLevelName = a.observedLevelName();
    s.targetLevel = a.targetLevel();
    s.targetMet = a.targetMet();
    s.capabilities = a.capabilities().stream().map(StatusFactory::capability).toList();
    s.nextLevel = a.nextLevel().map(gap -> {
      NextLevel n = new NextLevel();
      n.level = gap.level();
      n.name = gap.name();
      n.missing = List.copyOf(gap.missing());
      return n;
    }).orElse(null);
    s.recommendations = List.copyOf(a.recommendations());
    s.history = history(previous, a);

    List<Condition> desired = new ArrayList<>();
    desired.add(ready(problems, generation));
    desired.add(Conditions.of(Conditions.TARGET_MET, a.targetMet(), a.targetMet() ? "TargetLevelReached" : "BelowTarget",
        "observed level " + a.observedLevel() + " (" + a.observedLevelName() + ")" + (a.targetMet() ? " meets" : " is below")
            + " target level " + a.targetLevel(), generation));
    desired.add(regressed(previous, a, generation));
    desired.add(degraded(a, generation));
    s.conditions = Conditions.merge(previous == null ? null : previous.conditions, desired, now());
    return s;
  }

  /** The status when the spec cannot be evaluated: the last results stay, Ready says what to fix. */
  public MaturityTargetStatus invalid(MaturityTarget target, List<SpecProblem> problems) {
    MaturityTargetStatus previous = target.getStatus();
    Long generation = target.getMetadata().getGeneration();
    MaturityTargetStatus s = new MaturityTargetStatus();
    if (previous != null) {
      s.model = previous.model;
      s.observedLevel = previous.observedLevel;
      s.observedLevelName = previous.observedLevelName;
      s.targetLevel = previous.targetLevel;
      s.targetMet = previous.targetMet;
      s.capabilities = previous.capabilities;
      s.nextLevel = previous.nextLevel;
      s.recommendations = previous.recommendations;
      s.history = previous.history;
    }
    s.observedGeneration = generation;
    List<Condition> desired = new ArrayList<>();
    desired.add(ready(problems, generation));
    List<Condition> kept = previous == null || previous.conditions == null ? List.of() : previous.conditions;
    for (Condition c : kept) {
      if (!Conditions.READY.equals(c.getType())) {
        desired.add(c);
      }
    }
    s.conditions = Conditions.merge(kept, desired, now());
    return s;
  }

  private static Condition ready(List<SpecProblem> problems, Long generation) {
    if (problems.isEmpty()) {
      return Conditions.of(Conditions.READY, true, "Evaluated", "the spec is valid and the workload was evaluated", generation);
    }
    String message = problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
    return Conditions.of(Conditions.READY, false, problems.get(0).reason(), truncate(message), generation);
  }

  private static Condition regressed(MaturityTargetStatus previous, Assessment a, Long generation) {
    if (a.transition() == LevelTransition.REGRESSED) {
      String causes = a.regressionCauses().isEmpty() ? "" : ": missing " + String.join(", ", a.regressionCauses());
      return Conditions.of(Conditions.REGRESSED, true, "LevelRegressed", truncate("level dropped from " + a.previousLevel()
          + " to " + a.observedLevel() + " (" + a.observedLevelName() + ")" + causes), generation);
    }
    if (a.regressed() && previous != null) {
      var before = Conditions.find(previous.conditions, Conditions.REGRESSED).filter(c -> Conditions.TRUE.equals(c.getStatus()));
      if (before.isPresent()) {
        return Conditions.of(Conditions.REGRESSED, true, before.get().getReason(), before.get().getMessage(), generation);
      }
    }
    return Conditions.of(Conditions.REGRESSED, false, "NoRegression", "the level has not dropped since it was last raised", generation);
  }

  private static Condition degraded(Assessment a, Long generation) {
    if (!a.degraded()) {
      // an Unknown that cannot change the level is not Degraded, but the condition must not claim it was evaluated
      List<String> unknown = a.capabilities().stream().filter(c -> c.evidence().state() == CapabilityState.Unknown)
          .map(c -> c.id()).sorted().toList();
      return unknown.isEmpty()
          ? Conditions.of(Conditions.DEGRADED, false, "AllProbesRan", "every capability could be evaluated", generation)
          : Conditions.of(Conditions.DEGRADED, false, "LevelUnaffected", truncate("could not evaluate " + String.join(", ", unknown)
              + "; the level does not depend on them"), generation);
    }
    String held = a.transition() == LevelTransition.HELD || a.strictLevel() < a.observedLevel()
        ? "; level " + a.observedLevel() + " is held until they can be evaluated" : "";
    return Conditions.of(Conditions.DEGRADED, true, "ProbesFailing",
        truncate("could not evaluate " + String.join(", ", a.unknownCapabilities()) + held), generation);
  }

  private List<LevelChange> history(MaturityTargetStatus previous, Assessment a) {
    List<LevelChange> history = new ArrayList<>(previous == null || previous.history == null ? List.of() : previous.history);
    if (a.transition() == LevelTransition.RAISED || a.transition() == LevelTransition.REGRESSED) {
      LevelChange change = new LevelChange();
      change.from = a.previousLevel();
      change.to = a.observedLevel();
      change.reason = a.transition() == LevelTransition.RAISED ? "LevelRaised"
          : "LevelRegressed" + (a.regressionCauses().isEmpty() ? "" : ": missing " + String.join(", ", a.regressionCauses()));
      change.time = now();
      history.add(change);
    }
    while (history.size() > HISTORY_LIMIT) {
      history.remove(0);
    }
    return history;
  }

  private static CapabilityStatus capability(CapabilityResult r) {
    CapabilityStatus c = new CapabilityStatus();
    c.id = r.id();
    c.level = r.level();
    c.recommended = r.recommended() ? Boolean.TRUE : null;
    c.state = r.evidence().state();
    c.source = r.evidence().source();
    c.evidence = List.copyOf(r.evidence().references());
    c.message = r.evidence().message();
    return c;
  }

  private static String truncate(String s) {
    return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT - 3) + "...";
  }
}
