package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The level rule, pure: a workload is at the highest level L such that every requirement of levels
 * 1..L holds. The regression guard keeps the previous level when the drop is explained only by
 * failing (Unknown) evidence (a probe outage is never a regression). Unknown because an integration is
 * not configured is a stable absence: the level follows it, and a drop it alone explains is
 * {@link LevelTransition#INTEGRATION_REMOVED}, not a regression.
 */
public final class LevelEvaluator {
  private LevelEvaluator() {}

  public static LevelOutcome evaluate(
      MaturityModelDefinition model, Map<String, Evidence> effective, int targetLevel, PreviousEvaluation previous) {
    return evaluate(model, new GovernedEvidence(effective, Governance.NONE), targetLevel, previous);
  }

  public static LevelOutcome evaluate(
      MaturityModelDefinition model, GovernedEvidence governed, int targetLevel, PreviousEvaluation previous) {
    Map<String, Evidence> effective = governed.effective();
    Predicate<String> holds = id -> state(effective, id).holds();
    // what failing probes may hide: everything but Missing and NotConfigured
    Predicate<String> holdsUnlessMissing = id -> state(effective, id) != CapabilityState.Missing && !notConfigured(effective, id);
    Predicate<String> holdsIfConfigured = id -> state(effective, id) != CapabilityState.Missing;
    int strict = highestLevel(model, holds);
    int optimistic = highestLevel(model, holdsUnlessMissing);
    int proven = highestLevel(model, id -> effective.get(id) != null && effective.get(id).state() == CapabilityState.Satisfied
        && effective.get(id).source() == Source.OBSERVED);

    Integer before = previous.level();
    int observed;
    LevelTransition transition;
    List<String> causes = List.of();
    if (before == null || before > model.topLevel()) {
      observed = strict;
      transition = LevelTransition.INITIAL;
    } else if (strict > before) {
      observed = strict;
      transition = LevelTransition.RAISED;
    } else if (strict == before) {
      observed = strict;
      transition = LevelTransition.UNCHANGED;
    } else {
      // Only what is proven Missing may lower the level; Unknown keeps what was last seen.
      observed = Math.min(before, optimistic);
      if (observed < before && highestLevel(model, holdsIfConfigured) >= before) {
        transition = LevelTransition.INTEGRATION_REMOVED;
        causes = blocking(model.level(observed + 1), holdsUnlessMissing);
      } else if (observed < before) {
        transition = LevelTransition.REGRESSED;
        causes = blocking(model.level(observed + 1), holdsUnlessMissing);
      } else {
        transition = LevelTransition.HELD;
      }
    }
    boolean regressed = switch (transition) {
      case REGRESSED -> true;
      case RAISED, INITIAL -> false;
      default -> previous.regressed();
    };

    List<CapabilityResult> capabilities = capabilities(model, effective);
    List<String> unknown = hidingLevel(model, effective, strict, optimistic);
    Optional<NextLevelGap> next = Optional.empty();
    List<String> recommendations = new ArrayList<>();
    if (observed < model.topLevel()) {
      Level nextLevel = model.level(observed + 1);
      List<String> missing = blocking(nextLevel, holds);
      next = Optional.of(new NextLevelGap(nextLevel.number(), nextLevel.name(), missing));
      for (Requirement r : nextLevel.requires()) {
        if (!r.heldBy(holds)) {
          String id = r.anyOf().get(0);
          String advice = CapabilityCatalogue.find(id).map(c -> c.howToClimb()).orElse("");
          recommendations.add(r.describe() + ": " + advice);
        }
      }
    }
    return new LevelOutcome(model, observed, strict, targetLevel, capabilities, next, List.copyOf(recommendations),
        transition, before, unknown, causes, regressed, proven, governed.governance());
  }

  /**
   * The Unknown capabilities that stand between the proven level and the level the evidence would
   * allow if they held: only these make the status Degraded (an Unknown above a Missing gap, or in an
   * anyOf another member already satisfies, changes nothing).
   */
  private static List<String> hidingLevel(MaturityModelDefinition model, Map<String, Evidence> effective, int strict, int optimistic) {
    Set<String> out = new LinkedHashSet<>();
    for (int n = strict + 1; n <= optimistic; n++) {
      for (Requirement r : model.level(n).requires()) {
        if (!r.heldBy(id -> state(effective, id).holds())) {
          r.anyOf().stream().filter(id -> state(effective, id) == CapabilityState.Unknown && !notConfigured(effective, id)).forEach(out::add);
        }
      }
    }
    return List.copyOf(out);
  }

  static int highestLevel(MaturityModelDefinition model, Predicate<String> holds) {
    int level = 0;
    for (Level l : model.levels()) {
      if (l.number() == 0) {
        continue;
      }
      if (!l.requires().stream().allMatch(r -> r.heldBy(holds))) {
        break;
      }
      level = l.number();
    }
    return level;
  }

  private static List<String> blocking(Level level, Predicate<String> holds) {
    return level.requires().stream().filter(r -> !r.heldBy(holds)).map(Requirement::describe).toList();
  }

  private static List<CapabilityResult> capabilities(MaturityModelDefinition model, Map<String, Evidence> effective) {
    List<CapabilityResult> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Level l : model.levels()) {
      for (Requirement r : l.requires()) {
        for (String id : r.anyOf()) {
          if (seen.add(id)) {
            out.add(new CapabilityResult(id, l.number(), false, evidence(effective, id)));
          }
        }
      }
    }
    for (Level l : model.levels()) {
      for (Requirement r : l.recommends()) {
        for (String id : r.anyOf()) {
          if (seen.add(id)) {
            out.add(new CapabilityResult(id, l.number(), true, evidence(effective, id)));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static Evidence evidence(Map<String, Evidence> effective, String id) {
    return effective.getOrDefault(id, Evidence.unknown(id, "no evidence for " + id));
  }

  private static boolean notConfigured(Map<String, Evidence> effective, String id) {
    Evidence e = effective.get(id);
    return e != null && e.notConfigured();
  }

  private static CapabilityState state(Map<String, Evidence> effective, String id) {
    Evidence e = effective.get(id);
    return e == null ? CapabilityState.Unknown : e.state();
  }
}
