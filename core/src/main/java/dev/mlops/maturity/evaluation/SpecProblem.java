package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.evidence.BoundedText;

/** One thing wrong with a MaturityTarget spec: the field path, a CamelCase reason and what to fix. */
public record SpecProblem(String field, String reason, String message) {
  /** Field paths and messages echo user strings: bounded so a hostile spec cannot inflate the status. */
  public SpecProblem {
    field = BoundedText.of(field, 256);
    message = BoundedText.of(message, 512);
  }

  /** Problems that leave nothing to evaluate (the level cannot be computed). */
  public boolean blocksEvaluation() {
    return reason.equals("UnknownModel") || reason.equals("InvalidModel") || reason.equals("MissingSelector")
        || reason.equals("MissingWorkload") || reason.equals(TargetSpecValidator.INVALID_TYPE) || reason.equals(SelectorProblems.INVALID_SELECTOR);
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
