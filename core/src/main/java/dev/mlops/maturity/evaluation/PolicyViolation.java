package dev.mlops.maturity.evaluation;

/** A self-declared entry the policy refused: the spec field, its capability and the rule that refused it. */
public record PolicyViolation(String field, String capability, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
