package dev.mlops.maturity.evaluation;

import static dev.mlops.maturity.evaluation.BuiltInModelLevelsTest.M1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waivers, declared evidence and notApplicable on top of what the probes observed. */
class EvidencePolicyTest {

  @Test
  void waiverWithoutExpiryHoldsTheCapability() {
    Evidence e = Workload.on("mlops-5-level").waive("gpu-utilisation", null).effective("gpu-utilisation");

    assertThat(e.state()).isEqualTo(CapabilityState.Waived);
    assertThat(e.source()).isEqualTo(Source.DECLARED);
    assertThat(e.message()).isEqualTo("waived: accepted gap");
    assertThat(e.holds()).isTrue();
  }

  @Test
  void waiverCountsUpToAndIncludingItsExpiryDay() {
    Evidence onTheDay = Workload.on("mlops-5-level").waive("gpu-utilisation", Workload.TODAY.toString())
        .effective("gpu-utilisation");
    Evidence later = Workload.on("mlops-5-level").waive("gpu-utilisation", "2027-06-30").effective("gpu-utilisation");

    assertThat(onTheDay.state()).isEqualTo(CapabilityState.Waived);
    assertThat(onTheDay.message()).isEqualTo("waived: accepted gap (until 2026-11-22)");
    assertThat(later.state()).isEqualTo(CapabilityState.Waived);
  }

  @Test
  void expiredWaiverStopsCountingTheDayAfterExpiry() {
    String yesterday = Workload.TODAY.minusDays(1).toString();
    Evidence e = Workload.on("mlops-5-level").waive("gpu-utilisation", yesterday).effective("gpu-utilisation");

    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.source()).isEqualTo(Source.OBSERVED);
    assertThat(e.message()).isEqualTo("gpu-utilisation not found; waiver expired on " + yesterday);
  }

  @Test
  void waiverWithAnUnreadableExpiryDoesNotCount() {
    Evidence e = Workload.on("mlops-5-level").waive("gpu-utilisation", "2027-02-30").effective("gpu-utilisation");

    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("waiver expiry '2027-02-30' is not a date");
  }

  @Test
  void waiverHoldsAnUnknownCapabilityToo() {
    Evidence e = Workload.on("mlops-5-level").observe(CapabilityState.Unknown, "gpu-utilisation")
        .waive("gpu-utilisation", null).effective("gpu-utilisation");

    assertThat(e.state()).isEqualTo(CapabilityState.Waived);
  }

  @Test
  void waiverNeverReplacesAnObservedSatisfied() {
    Evidence e = Workload.on("mlops-5-level").satisfied("gpu-utilisation").waive("gpu-utilisation", null)
        .effective("gpu-utilisation");

    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.source()).isEqualTo(Source.OBSERVED);
  }

  @Test
  void waiverLetsTheLevelCount() {
    Workload w = Workload.on("mlops-5-level").satisfied(M1).satisfied("training-pipeline", "cicd-deployment",
        "scheduled-retraining");
    assertThat(w.evaluate().observedLevel()).isEqualTo(1);

    w.waive("quality-gate", "2027-01-31");
    assertThat(w.evaluate().observedLevel()).isEqualTo(2);
  }

  @Test
  void declaredEvidenceAcceptedByTheModelIsSatisfiedWithSourceDeclared() {
    Evidence e = Workload.on("mlops-5-level").declare("quality-gate", "ci/gate.yaml").effective("quality-gate");

    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.source()).isEqualTo(Source.DECLARED);
    assertThat(e.references()).containsExactly("ci/gate.yaml");
    assertThat(e.message()).isEqualTo("declared: declared by the team");
  }

  @Test
  void declaredEvidenceIsAcceptedOverAnUnknownObservation() {
    Evidence e = Workload.on("google-3-level").observe(CapabilityState.Unknown, "data-versioning")
        .declare("data-versioning", "git repo dvc.yaml").effective("data-versioning");

    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.source()).isEqualTo(Source.DECLARED);
  }

  @Test
  void declaredEvidenceRefusedByTheModelStaysMissingAndSaysSo() {
    Evidence e = Workload.on("mlops-5-level").declare("cicd-deployment", "jenkins job").effective("cicd-deployment");

    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.source()).isEqualTo(Source.OBSERVED);
    assertThat(e.message())
        .isEqualTo("cicd-deployment not found; declared evidence is not accepted for cicd-deployment by model mlops-5-level");
  }

  @Test
  void sameDeclarationCountsInOneModelAndNotInAnother() {
    // data-versioning: accepted by google-3-level, not listed by azure-5-level (which only recommends feature-store)
    Evidence google = Workload.on("google-3-level").declare("data-versioning", "dvc.yaml").effective("data-versioning");
    Evidence mlops = Workload.on("mlops-5-level").declare("model-registry", "a wiki page").effective("model-registry");

    assertThat(google.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(mlops.state()).isEqualTo(CapabilityState.Missing);
    assertThat(mlops.message()).contains("not accepted for model-registry by model mlops-5-level");
  }

  @Test
  void refusedDeclarationDoesNotRaiseTheLevel() {
    Workload w = Workload.on("mlops-5-level").satisfied(M1)
        .satisfied("training-pipeline", "quality-gate", "scheduled-retraining")
        .declare("cicd-deployment", "jenkins job");

    assertThat(w.evaluate().observedLevel()).isEqualTo(1);
  }

  @Test
  void observedSatisfiedIsNeverReplacedByDeclared() {
    Evidence e = Workload.on("mlops-5-level").satisfied("quality-gate").declare("quality-gate", "ci/gate.yaml")
        .effective("quality-gate");

    assertThat(e.source()).isEqualTo(Source.OBSERVED);
    assertThat(e.references()).containsExactly("Workflow fraud/quality-gate");
    assertThat(e.message()).isEqualTo("quality-gate seen");
  }

  @Test
  void refusedDeclarationStillAllowsAWaiver() {
    Evidence e = Workload.on("mlops-5-level").declare("cicd-deployment", "jenkins").waive("cicd-deployment", null)
        .effective("cicd-deployment");

    assertThat(e.state()).isEqualTo(CapabilityState.Waived);
  }

  @Test
  void declarationWithoutReferenceDoesNotBreakEvaluation() {
    Workload w = Workload.on("mlops-5-level").declare("audit-trail", null);

    Evidence e = w.effective("audit-trail");
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.references()).isEmpty();
  }

  @Test
  void declaredOnlyCapabilityWithoutDeclarationIsMissingAndSaysHowToFixIt() {
    Evidence e = Workload.on("mlops-5-level").effective("manual-retraining-documented");

    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message())
        .isEqualTo("no in-cluster signal exists: add a declared entry for manual-retraining-documented");
  }

  @Test
  void capabilityNoProbeReportedIsUnknownNotMissing() {
    Workload w = Workload.on("mlops-5-level");
    w.observed.remove("gpu-utilisation");

    Evidence e = w.effective("gpu-utilisation");
    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).isEqualTo("no probe ran for gpu-utilisation");
  }

  @Test
  void notApplicableHoldsAndWinsOverAMissingObservation() {
    Evidence e = Workload.on("mlops-5-level").notApplicable("gpu-scheduling").effective("gpu-scheduling");

    assertThat(e.state()).isEqualTo(CapabilityState.NotApplicable);
    assertThat(e.source()).isEqualTo(Source.DECLARED);
    assertThat(e.message()).isEqualTo("not applicable: CPU-only model");
    assertThat(e.holds()).isTrue();
  }

  @Test
  void effectiveEvidenceCoversExactlyTheModelsCapabilities() {
    Workload w = Workload.on("azure-5-level");
    w.observed.put("canary-deployment", Evidence.satisfied("canary-deployment", "not in this model", List.of()));

    assertThat(w.effective().keySet()).containsExactlyElementsOf(w.model.capabilities());
  }

  @Test
  void policyEntriesForCapabilitiesOutsideTheModelAreIgnored() {
    // google-3-level does not name gpu-utilisation: a waiver for it changes nothing
    Workload w = Workload.on("google-3-level").satisfied("model-registry").waive("gpu-utilisation", null);

    assertThat(w.effective()).doesNotContainKey("gpu-utilisation").containsKey("model-registry");
    assertThat(w.evaluate().observedLevel()).isZero();
  }
}
