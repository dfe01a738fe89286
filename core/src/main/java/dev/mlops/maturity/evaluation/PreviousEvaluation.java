package dev.mlops.maturity.evaluation;

/** What the last status said, as far as the level rule needs it. */
public record PreviousEvaluation(Integer level, boolean regressed) {
  public static final PreviousEvaluation NONE = new PreviousEvaluation(null, false);
}
