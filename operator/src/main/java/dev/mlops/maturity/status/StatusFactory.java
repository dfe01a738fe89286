package dev.mlops.maturity.status;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.LevelChange;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.api.v1alpha1.NextLevel;
import dev.mlops.maturity.evaluation.LevelOutcome;
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
  /** Ready/Degraded reason when the pipeline threw (an API failure, a bug): the status is not a fresh evaluation. */
  public static final String EVALUATION_FAILED = "EvaluationFailed";
  /** History reason when the level dropped only because an integration is no longer configured (not a regression). */
  public static final String INTEGRATION_REMOVED = "IntegrationRemoved";
  private static final int MESSAGE_LIMIT = 1024;

  private final Clock clock;

  public StatusFactory(Clock clock) {
    this.clock = clock;
  }

  public String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The status after a successful evaluation; {@code problems} are the spec problems that did not block it. */
  public MaturityTargetStatus evaluated(MaturityTarget target, LevelOutcome a, List<SpecProblem> problems) {
    MaturityTargetStatus previous = target.getStatus();
    Long generation = target.getMetadata().getGeneration();
    MaturityTargetStatus s = new MaturityTargetStatus();
    s.observedGeneration = generation;
    s.model = a.model().id();
    s.observedLevel = a.observedLevel();
    s.provenLevel = a.provenLevel();
    s.observedLevelName = a.observedLevelName();
    s.targetLevel = a.targetLevel();
    // a target with spec problems publishes no level, so it meets nothing
    boolean met = a.targetMet() && problems.isEmpty();
    s.targetMet = met;
    s.capabilities = a.capabilities().stream().map(StatusFactory::capability).toList();
    s.nextLevel = a.nextLevel().map(gap -> {
      NextLevel n = new NextLevel();
      n.level = gap.level();
      n.name = gap.name();
      n.missing = List.copyOf(gap.missing());
      return n;
    }).orElse(null);
    s.recommendations = List.copyOf(a.recommendations());
    s.exceptions = a.governance().decisions().stream().map(ExceptionAudit::status).toList();
    s.history = history(previous, a);

    List<Condition> desired = new ArrayList<>();
    desired.add(ready(problems, generation));
    if (problems.isEmpty()) {
      desired.add(Conditions.of(Conditions.TARGET_MET, met, met ? "TargetLevelReached" : "BelowTarget",
          "observed level " + a.observedLevel() + " (" + a.observedLevelName() + ")" + (met ? " meets" : " is below")
              + " target level " + a.targetLevel(), generation));
    } else {
      desired.add(Conditions.of(Conditions.TARGET_MET, false, "NotReady",
          "the spec has problems (see Ready), so no level is published", generation));
    }
    desired.add(regressed(previous, a, generation));
    desired.add(degraded(a, generation));
    desired.add(policyCompliant(a, generation));
    s.conditions = Conditions.merge(previous == null ? null : previous.conditions, desired, now());
    return s;
  }

  /** The status when the spec cannot be evaluated: the last results stay, Ready says what to fix. */
  public MaturityTargetStatus invalid(MaturityTarget target, List<SpecProblem> problems) {
    Long generation = target.getMetadata().getGeneration();
    return keepingResults(target, List.of(ready(problems, generation)));
  }

  /**
   * The status when the pipeline threw: the last results stay (they are not re-measured), Ready=False
   * and Degraded=True with reason {@value #EVALUATION_FAILED} and a short description of the failure.
   */
  public MaturityTargetStatus failed(MaturityTarget target, String cause) {
    Long generation = target.getMetadata().getGeneration();
    String message = truncate("the evaluation failed: " + cause);
    return keepingResults(target, List.of(
        Conditions.of(Conditions.READY, false, EVALUATION_FAILED, message, generation),
        Conditions.of(Conditions.DEGRADED, true, EVALUATION_FAILED, message + "; the level shown is the last one evaluated", generation)));
  }

  /** The previous results and conditions, with {@code replacing} in place of the conditions of the same types. */
  private MaturityTargetStatus keepingResults(MaturityTarget target, List<Condition> replacing) {
    MaturityTargetStatus previous = target.getStatus();
    MaturityTargetStatus s = new MaturityTargetStatus();
    if (previous != null) {
      s.model = previous.model;
      s.observedLevel = previous.observedLevel;
      s.provenLevel = previous.provenLevel;
      s.exceptions = previous.exceptions;
      s.observedLevelName = previous.observedLevelName;
      s.targetLevel = previous.targetLevel;
      s.targetMet = previous.targetMet;
      s.capabilities = previous.capabilities;
      s.nextLevel = previous.nextLevel;
      s.recommendations = previous.recommendations;
      s.history = previous.history;
    }
    s.observedGeneration = target.getMetadata().getGeneration();
    List<Condition> desired = new ArrayList<>(replacing);
    List<Condition> kept = previous == null || previous.conditions == null ? List.of() : previous.conditions;
    for (Condition c : kept) {
      if (replacing.stream().noneMatch(r -> r.getType().equals(c.getType()))) {
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

  private static Condition regressed(MaturityTargetStatus previous, LevelOutcome a, Long generation) {
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

  /** PolicyCompliant=False (reason PolicyViolation) while the policy refuses a waiver, notApplicable or declared entry. */
  private static Condition policyCompliant(LevelOutcome a, Long generation) {
    var violations = a.governance().violations();
    if (violations.isEmpty()) {
      return Conditions.of(Conditions.POLICY_COMPLIANT, true, "WithinPolicy",
          "every waiver, notApplicable and declared entry is within the policy", generation);
    }
    String message = violations.stream().map(Object::toString).collect(Collectors.joining("; "));
    return Conditions.of(Conditions.POLICY_COMPLIANT, false, "PolicyViolation", truncate(message), generation);
  }

  private static Condition degraded(LevelOutcome a, Long generation) {
    if (!a.degraded()) {
      List<String> notConfigured = a.capabilities().stream().filter(c -> c.evidence().notConfigured()).map(CapabilityResult::id).toList();
      // an Unknown that cannot change the level is not Degraded, but the condition must not claim it was evaluated
      List<String> failing = a.capabilities().stream()
          .filter(c -> c.evidence().state() == CapabilityState.Unknown && !c.evidence().notConfigured())
          .map(CapabilityResult::id).sorted().toList();
      if (!failing.isEmpty()) {
        return Conditions.of(Conditions.DEGRADED, false, "LevelUnaffected", truncate("could not evaluate " + String.join(", ", failing)
            + "; the level does not depend on them"), generation);
      }
      return Conditions.of(Conditions.DEGRADED, false, "AllProbesRan", notConfigured.isEmpty() ? "every capability could be evaluated"
          : truncate("no probe is failing; not configured, so Unknown: " + String.join(", ", notConfigured)), generation);
    }
    String held = a.transition() == LevelTransition.HELD || a.strictLevel() < a.observedLevel()
        ? "; level " + a.observedLevel() + " is held until they can be evaluated" : "";
    return Conditions.of(Conditions.DEGRADED, true, "ProbesFailing",
        truncate("could not evaluate " + String.join(", ", a.unknownCapabilities()) + held), generation);
  }

  private List<LevelChange> history(MaturityTargetStatus previous, LevelOutcome a) {
    List<LevelChange> history = new ArrayList<>(previous == null || previous.history == null ? List.of() : previous.history);
    LevelTransition t = a.transition();
    if (t == LevelTransition.RAISED || t == LevelTransition.REGRESSED || t == LevelTransition.INTEGRATION_REMOVED) {
      LevelChange change = new LevelChange();
      change.from = a.previousLevel();
      change.to = a.observedLevel();
      String causes = String.join(", ", a.regressionCauses());
      change.reason = t == LevelTransition.RAISED ? "LevelRaised"
          : t == LevelTransition.INTEGRATION_REMOVED ? INTEGRATION_REMOVED + (causes.isEmpty() ? "" : ": not configured " + causes)
          : "LevelRegressed" + (causes.isEmpty() ? "" : ": missing " + causes);
      change.time = now();
      history.add(change);
    }
    for (ExceptionAudit.Change c : ExceptionAudit.changes(previous, a.governance().decisions())) {
      LevelChange change = new LevelChange();
      change.from = a.observedLevel();
      change.to = a.observedLevel();
      change.reason = truncate(c.reason() + ": " + c.message());
      change.exception = c.decision().subject();
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
    c.reason = r.evidence().unknownReason();
    c.lastExercised = r.evidence().lastExercised() == null ? null
        : r.evidence().lastExercised().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    return c;
  }

  private static String truncate(String s) {
    return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT - 3) + "...";
  }
}
