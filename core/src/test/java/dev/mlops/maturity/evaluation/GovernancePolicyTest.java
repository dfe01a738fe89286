package dev.mlops.maturity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evaluation.GovernancePolicy.ApprovalRules;
import dev.mlops.maturity.evaluation.GovernancePolicy.WaiverRules;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule of the platform team's policy on self-declared entries, on a fixed day (Workload.TODAY, 2026-11-22). */
class GovernancePolicyTest {
  static final LocalDate TODAY = Workload.TODAY;
  static final GovernancePolicy DEFAULTS = GovernancePolicy.DEFAULTS;
  static final GovernancePolicy APPROVAL = new GovernancePolicy(DEFAULTS.waivers(), DEFAULTS.notApplicable(), DEFAULTS.declared(),
      new ApprovalRules(true));
  static final GovernancePolicy DENY_HEALTH = new GovernancePolicy(
      new WaiverRules(true, Duration.ofDays(180), Set.of("health-monitoring")), DEFAULTS.notApplicable(), DEFAULTS.declared(),
      DEFAULTS.approval());

  static ApprovedException exception(String name, String capability, EntryKind kind, String expires) {
    return new ApprovedException(name, "fraud", "fraud-detector", capability, kind, "no GPU nodes yet", expires, "platform-team");
  }

  private static GovernedEvidence govern(Workload w, GovernancePolicy policy, ApprovedException... exceptions) {
    return w.governed(policy, List.of(exceptions), TODAY);
  }

  @Test
  void aWaiverWithinThePolicyHoldsUntilItsExpiry() {
    GovernedEvidence g = govern(Workload.on("mlops-5-level").waive("gpu-utilisation", "2027-03-01"), DEFAULTS);

    assertThat(g.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Waived);
    assertThat(g.governance().violations()).isEmpty();
    assertThat(g.governance().decisions()).singleElement().satisfies(d -> {
      assertThat(d.effect()).isEqualTo(ExceptionEffect.Held);
      assertThat(d.field()).isEqualTo("spec.waivers[0]");
      assertThat(d.expires()).isEqualTo("2027-03-01");
      assertThat(d.exception()).isNull();
    });
  }

  @Test
  void aDeniedWaiverIsRefusedAndTheCapabilityKeepsItsObservedState() {
    Workload w = Workload.on("mlops-5-level").waive("gpu-utilisation", "2027-03-01").waive("feature-store", "2027-03-01")
        .waive("health-monitoring", "2027-03-01");
    GovernedEvidence g = govern(w, DENY_HEALTH);

    Evidence health = g.effective().get("health-monitoring");
    assertThat(health.state()).isEqualTo(CapabilityState.Missing);
    assertThat(health.message()).contains("spec.waivers[2]: health-monitoring may not be waived");
    assertThat(g.governance().violations()).extracting(Object::toString)
        .containsExactly("spec.waivers[2]: health-monitoring may not be waived (policy waivers.deny)");
    // the rest is still evaluated
    assertThat(g.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Waived);
    assertThat(g.effective().get("feature-store").state()).isEqualTo(CapabilityState.Waived);
  }

  @Test
  void aWaiverWithoutExpiryIsRefusedWhenThePolicyRequiresOne() {
    GovernedEvidence g = govern(Workload.on("mlops-5-level").waive("gpu-utilisation", null), DEFAULTS);

    assertThat(g.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Missing);
    assertThat(g.governance().violations()).extracting(Object::toString)
        .containsExactly("spec.waivers[0]: the waiver for gpu-utilisation needs an expiry (policy waivers.requireExpiry)");
    assertThat(g.governance().decisions()).extracting(ExceptionDecision::effect).containsExactly(ExceptionEffect.Refused);
  }

  @Test
  void aWaiverExpiringBeyondMaxDurationIsRefusedAndOneOnTheLimitHolds() {
    String limit = TODAY.plusDays(180).toString();
    String beyond = TODAY.plusDays(181).toString();

    assertThat(govern(Workload.on("mlops-5-level").waive("gpu-utilisation", limit), DEFAULTS).effective().get("gpu-utilisation").state())
        .isEqualTo(CapabilityState.Waived);
    GovernedEvidence g = govern(Workload.on("mlops-5-level").waive("gpu-utilisation", beyond), DEFAULTS);
    assertThat(g.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Missing);
    assertThat(g.governance().violations()).singleElement().satisfies(v ->
        assertThat(v.message()).contains("expires on " + beyond, "waivers.maxDuration 180d", limit + " at the latest"));
  }

  @Test
  void anExpiredWaiverStopsHoldingWithoutBeingAViolation() {
    GovernedEvidence g = govern(Workload.on("mlops-5-level").waive("gpu-utilisation", TODAY.minusDays(1).toString()), DEFAULTS);

    assertThat(g.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Missing);
    assertThat(g.governance().violations()).isEmpty();
    assertThat(g.governance().decisions()).extracting(ExceptionDecision::effect).containsExactly(ExceptionEffect.Expired);
  }

  @Test
  void notApplicableIsAllowedOnlyForTheListedPlatformCapabilities() {
    GovernedEvidence g = govern(Workload.on("mlops-5-level").notApplicable("gpu-scheduling").notApplicable("model-registry"), DEFAULTS);

    assertThat(g.effective().get("gpu-scheduling").state()).isEqualTo(CapabilityState.NotApplicable);
    Evidence registry = g.effective().get("model-registry");
    assertThat(registry.state()).isEqualTo(CapabilityState.Missing);
    assertThat(registry.message()).contains("spec.notApplicable[1]: model-registry may not be marked not applicable");
    assertThat(g.governance().violations()).extracting(PolicyViolation::field).containsExactly("spec.notApplicable[1]");
  }

  @Test
  void aNotApplicableExpiryBeyondItsMaxDurationIsRefused() {
    GovernedEvidence within = govern(Workload.on("mlops-5-level").notApplicable("gpu-scheduling", TODAY.plusDays(365).toString()), DEFAULTS);
    GovernedEvidence beyond = govern(Workload.on("mlops-5-level").notApplicable("gpu-scheduling", TODAY.plusDays(366).toString()), DEFAULTS);

    assertThat(within.effective().get("gpu-scheduling").state()).isEqualTo(CapabilityState.NotApplicable);
    assertThat(beyond.effective().get("gpu-scheduling").state()).isEqualTo(CapabilityState.Missing);
    assertThat(beyond.governance().violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("notApplicable.maxDuration 365d"));
  }

  @Test
  void declaredEvidenceWithoutAReferenceIsRefusedWhenThePolicyRequiresOne() {
    Workload w = Workload.on("mlops-5-level").declare("manual-retraining-documented", " ");

    GovernedEvidence g = govern(w, DEFAULTS);
    assertThat(g.effective().get("manual-retraining-documented").state()).isEqualTo(CapabilityState.Missing);
    assertThat(g.governance().violations()).extracting(Object::toString)
        .containsExactly("spec.declared[0]: declared evidence for manual-retraining-documented needs a reference (policy declared.requireReference)");
    assertThat(govern(w, GovernancePolicy.PERMISSIVE).effective().get("manual-retraining-documented").state())
        .isEqualTo(CapabilityState.Satisfied);
  }

  @Test
  void withApprovalRequiredAnEntryWithoutAMaturityExceptionIsARequestThatDoesNotHold() {
    GovernedEvidence g = govern(Workload.on("mlops-5-level").waive("gpu-utilisation", "2027-03-01"), APPROVAL,
        exception("other-capability", "feature-store", EntryKind.WAIVER, "2027-03-01"),
        exception("other-kind", "gpu-utilisation", EntryKind.NOT_APPLICABLE, "2027-03-01"),
        new ApprovedException("other-target", "fraud", "churn", "gpu-utilisation", EntryKind.WAIVER, "r", "2027-03-01", "p"));

    Evidence e = g.effective().get("gpu-utilisation");
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("requested, not approved: no MaturityException approves waiver gpu-utilisation for fraud/fraud-detector");
    assertThat(g.governance().violations()).isEmpty();
    assertThat(g.governance().decisions()).extracting(ExceptionDecision::effect).containsExactly(ExceptionEffect.Requested);
  }

  @Test
  void withApprovalRequiredAMatchingMaturityExceptionMakesTheEntryHoldWithItsNameAsEvidence() {
    GovernedEvidence g = govern(Workload.on("mlops-5-level").notApplicable("gpu-scheduling"), APPROVAL,
        exception("fraud-cpu-only", "gpu-scheduling", EntryKind.NOT_APPLICABLE, "2027-01-31"));

    Evidence e = g.effective().get("gpu-scheduling");
    assertThat(e.state()).isEqualTo(CapabilityState.NotApplicable);
    assertThat(e.references()).containsExactly("MaturityException fraud-cpu-only");
    assertThat(e.message()).contains("approved by platform-team until 2027-01-31 as MaturityException fraud-cpu-only");
    assertThat(g.governance().decisions()).singleElement().satisfies(d -> {
      assertThat(d.effect()).isEqualTo(ExceptionEffect.Held);
      assertThat(d.exception()).isEqualTo("fraud-cpu-only");
      assertThat(d.expires()).isEqualTo("2027-01-31");
    });
  }

  @Test
  void anExpiredMaturityExceptionStopsHoldingOnItsOwnTheDayAfterItsLastDay() {
    Workload w = Workload.on("mlops-5-level").waive("gpu-utilisation", null);
    ApprovedException approved = exception("fraud-gpu", "gpu-utilisation", EntryKind.WAIVER, "2027-01-31");

    GovernedEvidence lastDay = w.governed(APPROVAL, List.of(approved), LocalDate.of(2027, 1, 31));
    GovernedEvidence dayAfter = w.governed(APPROVAL, List.of(approved), LocalDate.of(2027, 2, 1));

    assertThat(lastDay.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Waived);
    assertThat(dayAfter.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Missing);
    assertThat(dayAfter.effective().get("gpu-utilisation").message()).contains("MaturityException fraud-gpu expired on 2027-01-31");
    assertThat(dayAfter.governance().decisions()).singleElement().satisfies(d -> {
      assertThat(d.effect()).isEqualTo(ExceptionEffect.Expired);
      assertThat(d.exception()).isEqualTo("fraud-gpu");
    });
  }

  @Test
  void aMaturityExceptionDoesNotOverrideTheDenyList() {
    GovernedEvidence g = govern(Workload.on("mlops-5-level").waive("health-monitoring", "2027-01-01"), DENY_HEALTH,
        exception("fraud-health", "health-monitoring", EntryKind.WAIVER, "2027-01-01"));

    assertThat(g.effective().get("health-monitoring").state()).isEqualTo(CapabilityState.Missing);
    assertThat(g.governance().violations()).hasSize(1);
  }

  @Test
  void anUnreadableExceptionListApprovesNothingAndSaysWhy() {
    Workload w = Workload.on("mlops-5-level").waive("gpu-utilisation", "2027-01-01");
    GovernedEvidence g = EvidencePolicy.govern(w.model, w.observed, w.spec, APPROVAL,
        new TargetExceptions("fraud", "fraud-detector", List.of(), "forbidden: cannot list maturityexceptions"), TODAY);

    assertThat(g.effective().get("gpu-utilisation").state()).isEqualTo(CapabilityState.Missing);
    assertThat(g.effective().get("gpu-utilisation").message()).contains("MaturityExceptions cannot be read: forbidden");
  }

  @Test
  void theProvenLevelCountsOnlyObservedEvidence() {
    List<String> level2 = List.of("model-registry", "model-versioning", "health-monitoring", "retrain-by-others",
        "training-pipeline", "cicd-deployment");
    Workload w = Workload.on("mlops-5-level").satisfied(level2).waive("manual-retraining-documented", "2027-01-01");
    LevelOutcome waived = w.evaluate(DEFAULTS, List.of(), TODAY);

    assertThat(waived.observedLevel()).isGreaterThanOrEqualTo(1);
    assertThat(waived.governance().decisions()).extracting(ExceptionDecision::effect).containsExactly(ExceptionEffect.Held);
    assertThat(waived.provenLevel()).isZero();
    LevelOutcome declared = Workload.on("mlops-5-level").satisfied(level2).satisfied("manual-retraining-documented")
        .evaluate(DEFAULTS, List.of(), TODAY);
    assertThat(declared.observedLevel()).isGreaterThanOrEqualTo(1);
    assertThat(declared.provenLevel()).as("declared evidence proves nothing").isZero();
  }
}
