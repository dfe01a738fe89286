package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the level history (the last 10 are kept). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LevelChange {
  public Integer from;
  public Integer to;
  public String reason;
  public String time;
  /** For a change of an exception's effect: the MaturityException (or spec entry) it concerns. */
  public String exception;
}
