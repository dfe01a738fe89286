package dev.mlops.maturity.evaluation;

/** One thing wrong with a MaturityTarget spec: the field path, a CamelCase reason and what to fix. */
public record SpecProblem(String field, String reason, String message) {
  /** Problems that leave nothing to evaluate (the level cannot be computed). */
  public boolean blocksEvaluation() {
    return reason.equals("UnknownModel") || reason.equals("InvalidModel") || reason.equals("MissingSelector")
        || reason.equals("MissingWorkload");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
