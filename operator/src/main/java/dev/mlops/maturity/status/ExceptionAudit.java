package dev.mlops.maturity.status;

import dev.mlops.maturity.api.v1alpha1.ExceptionStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evaluation.ExceptionDecision;
import dev.mlops.maturity.evaluation.ExceptionEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The changes of an exception's effect between the stored status and a new evaluation: an entry that
 * became held (approved), requested, refused or expired, or moved to another MaturityException. Each
 * change is an Event on the target and a history entry naming the exception. The Event reasons say
 * "Exemption" so they are never mistaken for a Java exception in logs and status.
 */
public final class ExceptionAudit {
  /** One change: the new decision and the effect it had before (null when the entry is new). */
  public record Change(ExceptionDecision decision, String before) {
    public String reason() {
      return switch (decision.effect()) {
        case Held -> "ExemptionHeld";
        case Requested -> "ExemptionRequested";
        case Refused -> "ExemptionRefused";
        case Expired -> "ExemptionExpired";
      };
    }

    public boolean warning() {
      return decision.effect() == ExceptionEffect.Refused || decision.effect() == ExceptionEffect.Expired;
    }

    public String message() {
      ExceptionDecision d = decision;
      String entry = d.kind().wire() + " " + d.capability() + " (" + d.field() + ")";
      String what = switch (d.effect()) {
        case Held -> d.exception() != null ? "approved by MaturityException " + d.exception() + ", holds until " + d.expires()
            : "holds" + (d.expires() == null ? "" : " until " + d.expires()) + " (self-declared within the policy)";
        case Requested -> "does not count: " + d.message();
        case Refused -> "refused by the policy: " + d.message();
        case Expired -> "expired on " + d.expires() + (d.exception() != null ? " (MaturityException " + d.exception() + ")" : "")
            + ", no longer counts";
      };
      return entry + " " + what + (before == null ? "" : "; was " + before);
    }
  }

  private ExceptionAudit() {}

  public static List<Change> changes(MaturityTargetStatus previous, List<ExceptionDecision> now) {
    List<ExceptionStatus> before = previous == null || previous.exceptions == null ? List.of() : previous.exceptions;
    Map<String, ExceptionStatus> byKey = before.stream().filter(e -> e.capability != null && e.kind != null)
        .collect(Collectors.toMap(e -> e.kind + "/" + e.capability, Function.identity(), (a, b) -> a));
    List<Change> out = new ArrayList<>();
    for (ExceptionDecision d : now) {
      ExceptionStatus b = byKey.get(d.kind().wire() + "/" + d.capability());
      if (b == null || !d.effect().name().equals(b.effect) || !Objects.equals(d.exception(), b.exception)
          || !Objects.equals(d.expires(), b.expires)) {
        out.add(new Change(d, b == null ? null : b.effect));
      }
    }
    return out;
  }

  static ExceptionStatus status(ExceptionDecision d) {
    ExceptionStatus s = new ExceptionStatus();
    s.capability = d.capability();
    s.kind = d.kind().wire();
    s.field = d.field();
    s.exception = d.exception();
    s.effect = d.effect().name();
    s.expires = d.expires();
    s.message = d.message();
    return s;
  }
}
