package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.SpecProblem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one evaluation of a target produced: an assessment (absent when the spec problems block it),
 * the spec problems, and when to look again.
 */
public record Observation(Optional<LevelOutcome> assessment, List<SpecProblem> problems, Duration interval) {
  public Observation {
    problems = List.copyOf(problems);
  }
}
