package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.SpecProblem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one evaluation of a target produced: an assessment (absent when the spec problems block it),
 * the spec problems, when to look again, and the platform snapshot it used (its measurements are
 * published by the publish phase).
 */
public record Observation(Optional<LevelOutcome> assessment, List<SpecProblem> problems, Duration interval, PlatformEvidence.Snapshot platform) {
  public Observation {
    problems = List.copyOf(problems);
  }
}
