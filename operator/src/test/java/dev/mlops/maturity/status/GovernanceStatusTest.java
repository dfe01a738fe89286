package dev.mlops.maturity.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.EntryKind;
import dev.mlops.maturity.evaluation.ExceptionDecision;
import dev.mlops.maturity.evaluation.ExceptionEffect;
import dev.mlops.maturity.evaluation.Governance;
import dev.mlops.maturity.evaluation.GovernedEvidence;
import dev.mlops.maturity.evaluation.LevelEvaluator;
import dev.mlops.maturity.evaluation.PolicyViolation;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PolicyCompliant, the exception audit trail in status.history, provenLevel, and a Ready=False target meeting nothing. */
class GovernanceStatusTest {
  private static final StatusFactory FACTORY = new StatusFactory(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
  private static final ExceptionDecision APPROVED = new ExceptionDecision("scheduled-retraining", EntryKind.WAIVER, "spec.waivers[0]",
      "fraud-schedule", ExceptionEffect.Held, "2027-01-31", "approved by platform-team until 2027-01-31 as MaturityException fraud-schedule");
  private static final ExceptionDecision EXPIRED = new ExceptionDecision("scheduled-retraining", EntryKind.WAIVER, "spec.waivers[0]",
      "fraud-schedule", ExceptionEffect.Expired, "2027-01-31", "requested, not approved: MaturityException fraud-schedule expired on 2027-01-31");

  private static LevelOutcome assess(CapabilityState schedule, Governance governance) {
    Map<String, Evidence> evidence = Map.of(
        "health-monitoring", Evidence.satisfied("health-monitoring", "ok", List.of("apps/Deployment a/web")),
        "scheduled-retraining", new Evidence("scheduled-retraining", schedule,
            schedule == CapabilityState.Waived ? Source.DECLARED : Source.OBSERVED, List.of(), schedule.name()),
        "alerting", Evidence.missing("alerting", "no rules"));
    return LevelEvaluator.evaluate(StatusFactoryTest.MODEL, new GovernedEvidence(evidence, governance), 2, PreviousEvaluation.NONE);
  }

  private static Condition condition(MaturityTargetStatus s, String type) {
    return Conditions.find(s.conditions, type).orElseThrow();
  }

  @Test
  void anApprovedExceptionShowsInTheStatusAndTheProvenLevelLeavesItOut() {
    MaturityTargetStatus s = FACTORY.evaluated(StatusFactoryTest.target(null, 1),
        assess(CapabilityState.Waived, new Governance(List.of(), List.of(APPROVED))), List.of());

    assertThat(s.observedLevel).isEqualTo(2);
    assertThat(s.provenLevel).isEqualTo(1);
    assertThat(s.exceptions).singleElement().satisfies(e -> {
      assertThat(e.exception).isEqualTo("fraud-schedule");
      assertThat(e.effect).isEqualTo("Held");
      assertThat(e.kind).isEqualTo("waiver");
      assertThat(e.expires).isEqualTo("2027-01-31");
    });
    assertThat(s.history).filteredOn(h -> h.exception != null).singleElement().satisfies(h -> {
      assertThat(h.exception).isEqualTo("MaturityException fraud-schedule");
      assertThat(h.reason).startsWith("ExemptionHeld: waiver scheduled-retraining (spec.waivers[0]) approved by MaturityException fraud-schedule");
      assertThat(h.time).isEqualTo("2026-11-22T10:00:00Z");
    });
  }

  @Test
  void anExpiryIsAuditedOnceAndAnUnchangedEffectAddsNothing() {
    MaturityTarget target = StatusFactoryTest.target(null, 1);
    MaturityTargetStatus approved = FACTORY.evaluated(target, assess(CapabilityState.Waived, new Governance(List.of(), List.of(APPROVED))),
        List.of());
    target.setStatus(approved);
    MaturityTargetStatus again = FACTORY.evaluated(target, assess(CapabilityState.Waived, new Governance(List.of(), List.of(APPROVED))),
        List.of());
    assertThat(again.history).hasSameSizeAs(approved.history);

    MaturityTargetStatus expired = FACTORY.evaluated(target, assess(CapabilityState.Missing, new Governance(List.of(), List.of(EXPIRED))),
        List.of());
    assertThat(expired.history.get(expired.history.size() - 1)).satisfies(h -> {
      assertThat(h.exception).isEqualTo("MaturityException fraud-schedule");
      assertThat(h.reason).startsWith("ExemptionExpired").contains("expired on 2027-01-31", "was Held");
    });
    assertThat(ExceptionAudit.changes(approved, List.of(EXPIRED))).singleElement().satisfies(c -> {
      assertThat(c.warning()).isTrue();
      assertThat(c.reason()).isEqualTo("ExemptionExpired");
    });
  }

  @Test
  void aRefusedEntryMakesPolicyCompliantFalseWithTheRuleAndTheRestStaysEvaluated() {
    PolicyViolation v = new PolicyViolation("spec.waivers[2]", "health-monitoring", "health-monitoring may not be waived (policy waivers.deny)");
    MaturityTargetStatus s = FACTORY.evaluated(StatusFactoryTest.target(null, 1),
        assess(CapabilityState.Satisfied, new Governance(List.of(v), List.of())), List.of());

    assertThat(condition(s, Conditions.POLICY_COMPLIANT).getStatus()).isEqualTo("False");
    assertThat(condition(s, Conditions.POLICY_COMPLIANT).getReason()).isEqualTo("PolicyViolation");
    assertThat(condition(s, Conditions.POLICY_COMPLIANT).getMessage()).isEqualTo("spec.waivers[2]: health-monitoring may not be waived (policy waivers.deny)");
    assertThat(condition(s, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(s.observedLevel).isEqualTo(2);
  }

  @Test
  void aTargetWithSpecProblemsMeetsNoTargetEvenWhenItsLevelWould() {
    SpecProblem nothing = new SpecProblem("spec.workload.selector", "SelectorMatchesNothing", "matches no object");
    MaturityTargetStatus s = FACTORY.evaluated(StatusFactoryTest.target(null, 1), assess(CapabilityState.Satisfied, Governance.NONE),
        List.of(nothing));

    assertThat(s.targetMet).isFalse();
    assertThat(condition(s, Conditions.TARGET_MET).getStatus()).isEqualTo("False");
    assertThat(condition(s, Conditions.TARGET_MET).getReason()).isEqualTo("NotReady");
    assertThat(condition(s, Conditions.READY).getReason()).isEqualTo("SelectorMatchesNothing");
  }
}
