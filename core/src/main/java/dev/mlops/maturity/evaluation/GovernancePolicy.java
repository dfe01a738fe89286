package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.model.Capability;
import dev.mlops.maturity.model.CapabilityCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platform team's bounds on what a team may declare about itself (operator configuration
 * {@code policy}): which capabilities may be waived or marked not applicable, for how long, whether
 * declared evidence needs a reference, and whether waivers and notApplicable entries need an approved
 * MaturityException to count.
 */
public record GovernancePolicy(WaiverRules waivers, NotApplicableRules notApplicable, DeclaredRules declared, ApprovalRules approval) {

  /** {@code deny}: capabilities no team may waive; {@code maxDuration} bounds how far ahead an expiry may be (null: unbounded). */
  public record WaiverRules(boolean requireExpiry, Duration maxDuration, Set<String> deny) {
    public WaiverRules {
      deny = Set.copyOf(deny);
    }
  }

  /** {@code allow}: the only capabilities a team may mark not applicable; {@code maxDuration} bounds an expiry when one is given. */
  public record NotApplicableRules(Set<String> allow, Duration maxDuration) {
    public NotApplicableRules {
      allow = Set.copyOf(allow);
    }
  }

  public record DeclaredRules(boolean requireReference) {}

  public record ApprovalRules(boolean required) {}

  /** Platform capabilities that can genuinely not apply to a workload (a CPU-only model needs no GPU). */
  public static final List<String> DEFAULT_NOT_APPLICABLE =
      List.of("gpu-scheduling", "gpu-utilisation", "spot-capacity", "multi-model-serving");

  /** Defaults that stop self-certification: expiries required and bounded, notApplicable only where it can be true. */
  public static final GovernancePolicy DEFAULTS = new GovernancePolicy(
      new WaiverRules(true, Duration.ofDays(180), Set.of()),
      new NotApplicableRules(Set.copyOf(DEFAULT_NOT_APPLICABLE), Duration.ofDays(365)),
      new DeclaredRules(true),
      new ApprovalRules(false));

  /** No bounds at all: only for evaluating a spec on its own terms (tests of the level rule). */
  public static final GovernancePolicy PERMISSIVE = new GovernancePolicy(
      new WaiverRules(false, null, Set.of()),
      new NotApplicableRules(CapabilityCatalogue.all().stream().map(Capability::id).collect(Collectors.toSet()), null),
      new DeclaredRules(false),
      new ApprovalRules(false));

  public boolean approvalRequired() {
    return approval.required();
  }
}
