package dev.mlops.maturity.assessment;

import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.SpecProblem;
import java.util.List;
import java.util.Optional;

/**
 * One target's outcome: the spec problems found (each names its field) and, unless a problem
 * blocks evaluation (unknown model, no selector), the assessment.
 */
public record TargetAssessment(
    String namespace, String name, String model, Integer targetLevel, List<SpecProblem> problems, Optional<LevelOutcome> assessment) {
}
