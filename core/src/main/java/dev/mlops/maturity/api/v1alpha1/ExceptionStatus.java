package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One waiver or notApplicable entry as the policy judged it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExceptionStatus {
  public String capability;
  /** waiver or notApplicable. */
  public String kind;
  /** The entry in the spec, e.g. spec.waivers[2]. */
  public String field;
  /** The MaturityException that approves (or last approved) it. */
  public String exception;
  /** Held, Requested, Refused or Expired. */
  public String effect;
  public String expires;
  public String message;
}
