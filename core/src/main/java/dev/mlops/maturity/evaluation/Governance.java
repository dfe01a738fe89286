package dev.mlops.maturity.evaluation;

import java.util.List;

/** What the policy made of a target's self-declared entries: refusals and the effect of each waiver/notApplicable entry. */
public record Governance(List<PolicyViolation> violations, List<ExceptionDecision> decisions) {
  public static final Governance NONE = new Governance(List.of(), List.of());

  public Governance {
    violations = List.copyOf(violations);
    decisions = List.copyOf(decisions);
  }
}
