package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One waiver or notApplicable entry as the policy judged it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExceptionStatus {
  @JsonPropertyDescription("The capability the entry names.")
  public String capability;
  @JsonPropertyDescription("waiver or notApplicable.")
  public String kind;
  /** The entry in the spec, e.g. spec.waivers[2]. */
  @JsonPropertyDescription("The entry in the spec, e.g. spec.waivers[2].")
  public String field;
  /** The MaturityException that approves (or last approved) it. */
  @JsonPropertyDescription("The MaturityException that approves (or last approved) it.")
  public String exception;
  /** Held, Requested, Refused or Expired. */
  @JsonPropertyDescription("Held, Requested, Refused or Expired.")
  public String effect;
  @JsonPropertyDescription("Last day (inclusive, UTC) on which it holds, YYYY-MM-DD.")
  public String expires;
  @JsonPropertyDescription("Why it has this effect, e.g. the policy rule that refused it.")
  public String message;
}
