package dev.mlops.maturity.evaluation;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A MaturityException as the policy reads it: the platform team's approval of one target's waiver or
 * notApplicable entry for one capability, until {@code expires} (YYYY-MM-DD, inclusive, UTC).
 */
public record ApprovedException(
    String name, String namespace, String target, String capability, EntryKind kind, String reason, String expires, String approvedBy) {

  public boolean covers(String ns, String targetName, String capabilityId, EntryKind entryKind) {
    return ns.equals(namespace) && targetName.equals(target) && capabilityId.equals(capability) && entryKind == kind;
  }

  /** The last day it holds; empty when the expiry is absent or not a date (such an exception never holds). */
  public Optional<LocalDate> lastDay() {
    return WaiverExpiry.parse(expires);
  }

  public boolean holdsOn(LocalDate today) {
    return lastDay().map(d -> !today.isAfter(d)).orElse(false);
  }
}
