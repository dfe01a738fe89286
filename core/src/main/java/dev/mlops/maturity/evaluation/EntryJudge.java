package dev.mlops.maturity.evaluation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Judges one waiver or notApplicable entry of a target against the policy and the MaturityExceptions
 * that name the target. Order: the policy's deny/allow lists refuse outright (no approval overrides
 * them); a holding MaturityException makes the entry hold; with approval required nothing else does;
 * otherwise the entry's own expiry must be present when required, not past, and within maxDuration.
 */
final class EntryJudge {
  /** The verdict: whether it holds, its evidence references, the message for the capability, and the decision. */
  record Verdict(boolean holds, List<String> references, String message, ExceptionDecision decision, Optional<PolicyViolation> violation) {}

  private final GovernancePolicy policy;
  private final TargetExceptions exceptions;
  private final LocalDate today;

  EntryJudge(GovernancePolicy policy, TargetExceptions exceptions, LocalDate today) {
    this.policy = policy;
    this.exceptions = exceptions;
    this.today = today;
  }

  Verdict judge(EntryKind kind, String field, String id, String reason, String expires) {
    if (kind == EntryKind.WAIVER && policy.waivers().deny().contains(id)) {
      return refused(kind, field, id, id + " may not be waived (policy waivers.deny)");
    }
    if (kind == EntryKind.NOT_APPLICABLE && !policy.notApplicable().allow().contains(id)) {
      return refused(kind, field, id, id + " may not be marked not applicable (policy notApplicable.allow: "
          + String.join(", ", new TreeSet<>(policy.notApplicable().allow())) + ")");
    }
    Optional<ApprovedException> approved = exceptions.holding(id, kind, today);
    if (approved.isPresent()) {
      ApprovedException e = approved.get();
      String by = e.approvedBy() == null || e.approvedBy().isBlank() ? "" : " by " + e.approvedBy();
      String message = "approved" + by + " until " + e.expires() + " as MaturityException " + e.name();
      return new Verdict(true, List.of("MaturityException " + e.name()), message,
          decision(kind, field, id, e.name(), ExceptionEffect.Held, e.expires(), message), Optional.empty());
    }
    if (policy.approvalRequired()) {
      return unapproved(kind, field, id);
    }
    if (expires == null || expires.isBlank()) {
      if (kind == EntryKind.WAIVER && policy.waivers().requireExpiry()) {
        return refused(kind, field, id, "the waiver for " + id + " needs an expiry (policy waivers.requireExpiry)");
      }
      return held(kind, field, id, null, "");
    }
    Optional<LocalDate> lastDay = WaiverExpiry.parse(expires);
    if (lastDay.isEmpty()) {
      String message = kind.wire() + " expiry '" + expires + "' is not a date (YYYY-MM-DD), so the " + kind.wire() + " does not count";
      return new Verdict(false, List.of(), message, decision(kind, field, id, null, ExceptionEffect.Refused, null, message), Optional.empty());
    }
    if (today.isAfter(lastDay.get())) {
      String message = kind.wire() + " expired on " + expires;
      return new Verdict(false, List.of(), message, decision(kind, field, id, null, ExceptionEffect.Expired, expires, message), Optional.empty());
    }
    var max = kind == EntryKind.WAIVER ? policy.waivers().maxDuration() : policy.notApplicable().maxDuration();
    if (max != null && lastDay.get().isAfter(today.plusDays(max.toDays()))) {
      String key = kind == EntryKind.WAIVER ? "waivers.maxDuration" : "notApplicable.maxDuration";
      return refused(kind, field, id, "the " + kind.wire() + " for " + id + " expires on " + expires + ", later than the policy allows ("
          + key + " " + max.toDays() + "d: " + today.plusDays(max.toDays()) + " at the latest)");
    }
    return held(kind, field, id, expires, " (until " + expires + ")");
  }

  private Verdict held(EntryKind kind, String field, String id, String expires, String until) {
    return new Verdict(true, List.of(), until.trim(), decision(kind, field, id, null, ExceptionEffect.Held, expires, "self-declared" + until),
        Optional.empty());
  }

  private Verdict unapproved(EntryKind kind, String field, String id) {
    Optional<ApprovedException> expired = exceptions.lastExpired(id, kind);
    String why;
    if (!exceptions.unreadable().isEmpty()) {
      why = "MaturityExceptions cannot be read: " + exceptions.unreadable();
    } else if (expired.isPresent()) {
      why = "MaturityException " + expired.get().name() + " expired on " + expired.get().expires();
    } else {
      why = "no MaturityException approves " + kind.wire() + " " + id + " for " + exceptions.namespace() + "/" + exceptions.target();
    }
    String message = "requested, not approved: " + why;
    ExceptionEffect effect = expired.isPresent() && exceptions.unreadable().isEmpty() ? ExceptionEffect.Expired : ExceptionEffect.Requested;
    String name = effect == ExceptionEffect.Expired ? expired.get().name() : null;
    String until = effect == ExceptionEffect.Expired ? expired.get().expires() : null;
    return new Verdict(false, List.of(), message, decision(kind, field, id, name, effect, until, message), Optional.empty());
  }

  private Verdict refused(EntryKind kind, String field, String id, String rule) {
    PolicyViolation v = new PolicyViolation(field, id, rule);
    return new Verdict(false, List.of(), v.toString(), decision(kind, field, id, null, ExceptionEffect.Refused, null, rule), Optional.of(v));
  }

  private static ExceptionDecision decision(EntryKind kind, String field, String id, String exception, ExceptionEffect effect,
      String expires, String message) {
    return new ExceptionDecision(id, kind, field, exception, effect, expires, message);
  }
}
