package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One entry of the level history (the last 10 are kept). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LevelChange {
  @JsonPropertyDescription("The level before the change.")
  public Integer from;
  @JsonPropertyDescription("The level after the change.")
  public Integer to;
  @JsonPropertyDescription("Why it changed, e.g. the capabilities that went missing.")
  public String reason;
  @JsonPropertyDescription("When the change was observed (RFC 3339).")
  public String time;
  @JsonPropertyDescription("For a change of an exception's effect: the MaturityException (or spec entry) it concerns.")
  public String exception;
}
