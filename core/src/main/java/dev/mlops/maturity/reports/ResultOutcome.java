package dev.mlops.maturity.reports;

import dev.mlops.maturity.evidence.CapabilityState;

/**
 * The Report {@code result} of a capability's state: Satisfied is pass, Missing fail (warn when the capability
 * is only recommended: upstream's "requirements not met and the policy is not scored"), Unknown error, Waived
 * and NotApplicable skip.
 */
public final class ResultOutcome {
  public static final String PASS = "pass";
  public static final String FAIL = "fail";
  public static final String WARN = "warn";
  public static final String ERROR = "error";
  public static final String SKIP = "skip";

  private ResultOutcome() {}

  public static String of(CapabilityState state, boolean recommended) {
    return switch (state) {
      case Satisfied -> PASS;
      case Missing -> recommended ? WARN : FAIL;
      case Unknown -> ERROR;
      case Waived, NotApplicable -> SKIP;
    };
  }
}
