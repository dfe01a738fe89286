package dev.mlops.maturity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.WorkloadRef;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetSpecValidatorTest {
  private static final MaturityModelDefinition MLOPS = Workload.model("mlops-5-level");

  private static Workload valid() {
    Workload w = Workload.on("mlops-5-level");
    w.spec.targetLevel = 2;
    return w;
  }

  private static List<SpecProblem> validate(MaturityTargetSpec spec) {
    return TargetSpecValidator.validate(spec, Optional.of(MLOPS), Optional.empty(), Workload.TODAY);
  }

  @Test
  void validSpecHasNoProblems() {
    Workload w = valid().declare("audit-trail", "git log").waive("gpu-utilisation", "2027-06-30")
        .notApplicable("gpu-scheduling");
    w.spec.evaluationInterval = "1m30s";

    assertThat(validate(w.spec)).isEmpty();
  }

  @Test
  void unknownModelIsReportedAsTheCallerSaysAndBlocksEvaluation() {
    SpecProblem unknownModel = new SpecProblem("spec.model", "UnknownModel", "no model named 'acme-7-level'");

    List<SpecProblem> problems = TargetSpecValidator.validate(valid().spec, Optional.empty(), Optional.of(unknownModel),
        Workload.TODAY);

    assertThat(problems).containsExactly(unknownModel);
    assertThat(problems.get(0).blocksEvaluation()).isTrue();
  }

  @Test
  void targetAboveTheModelsTopLevelIsOutOfRange() {
    MaturityTargetSpec spec = valid().spec;
    spec.targetLevel = 5;

    assertThat(validate(spec)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.targetLevel");
      assertThat(p.reason()).isEqualTo("TargetLevelOutOfRange");
      assertThat(p.message()).contains("above the highest level of model mlops-5-level (4)");
      assertThat(p.blocksEvaluation()).isFalse();
    });
  }

  @Test
  void topLevelItselfIsInRange() {
    MaturityTargetSpec spec = valid().spec;
    spec.targetLevel = 4;
    assertThat(validate(spec)).isEmpty();
  }

  @Test
  void negativeOrAbsentTargetIsOutOfRange() {
    MaturityTargetSpec spec = valid().spec;
    spec.targetLevel = -1;
    assertThat(validate(spec)).extracting(SpecProblem::field, SpecProblem::reason)
        .containsExactly(tuple("spec.targetLevel", "TargetLevelOutOfRange"));
    spec.targetLevel = null;
    assertThat(validate(spec)).extracting(SpecProblem::field, SpecProblem::reason)
        .containsExactly(tuple("spec.targetLevel", "TargetLevelOutOfRange"));
  }

  @Test
  void missingSelectorIsReportedAndBlocksEvaluation() {
    MaturityTargetSpec spec = valid().spec;
    spec.workload = new WorkloadRef();

    assertThat(validate(spec)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.workload.selector");
      assertThat(p.reason()).isEqualTo("MissingSelector");
      assertThat(p.blocksEvaluation()).isTrue();
    });
  }

  @Test
  void missingWorkloadIsReported() {
    MaturityTargetSpec spec = valid().spec;
    spec.workload = null;

    assertThat(validate(spec)).extracting(SpecProblem::field, SpecProblem::reason)
        .containsExactly(tuple("spec.workload", "MissingWorkload"));
  }

  @Test
  void waiverForAnUnknownCapabilityNamesTheField() {
    Workload w = valid().waive("gpu-utilisation", null).waive("model-registy", null);

    assertThat(validate(w.spec)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.waivers[1].capability");
      assertThat(p.reason()).isEqualTo("UnknownCapability");
      assertThat(p.message()).isEqualTo("'model-registy' is not a known capability id");
    });
  }

  @Test
  void declaredAndNotApplicableForUnknownCapabilitiesNameTheirFields() {
    Workload w = valid().declare("Model_Registry", "x").notApplicable("gpu");

    assertThat(validate(w.spec)).extracting(SpecProblem::field, SpecProblem::reason).containsExactly(
        tuple("spec.declared[0].capability", "UnknownCapability"),
        tuple("spec.notApplicable[0].capability", "UnknownCapability"));
  }

  @Test
  void duplicateWaiverIsReportedAtTheSecondEntry() {
    Workload w = valid().waive("gpu-utilisation", null).waive("audit-trail", null).waive("gpu-utilisation", "2027-01-01");

    assertThat(validate(w.spec)).extracting(SpecProblem::field, SpecProblem::reason)
        .containsExactly(tuple("spec.waivers[2].capability", "DuplicateWaiver"));
  }

  @Test
  void duplicateDeclaredAndNotApplicableAreReported() {
    Workload w = valid().declare("audit-trail", "a").declare("audit-trail", "b")
        .notApplicable("gpu-scheduling").notApplicable("gpu-scheduling");

    assertThat(validate(w.spec)).extracting(SpecProblem::field, SpecProblem::reason).containsExactly(
        tuple("spec.declared[1].capability", "DuplicateDeclared"),
        tuple("spec.notApplicable[1].capability", "DuplicateNotApplicable"));
  }

  @Test
  void expiredWaiverIsReportedTheDayAfterItsExpiry() {
    Workload onTheDay = valid().waive("gpu-utilisation", Workload.TODAY.toString());
    Workload dayAfter = valid().waive("gpu-utilisation", Workload.TODAY.minusDays(1).toString());

    assertThat(validate(onTheDay.spec)).isEmpty();
    assertThat(validate(dayAfter.spec)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.waivers[0].expires");
      assertThat(p.reason()).isEqualTo("WaiverExpired");
      assertThat(p.message()).contains("expired on 2026-11-21");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"30/06/2027", "2027-02-30", "2027-6-30", ""})
  void unreadableExpiryIsReported(String expires) {
    Workload w = valid().waive("gpu-utilisation", expires);

    assertThat(validate(w.spec)).extracting(SpecProblem::field, SpecProblem::reason)
        .containsExactly(tuple("spec.waivers[0].expires", "InvalidWaiverExpiry"));
  }

  @Test
  void waiverWithoutReasonIsReported() {
    Workload w = valid().waive("gpu-utilisation", null);
    w.spec.waivers.get(0).reason = " ";

    assertThat(validate(w.spec)).extracting(SpecProblem::field, SpecProblem::reason)
        .containsExactly(tuple("spec.waivers[0].reason", "WaiverWithoutReason"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10s", "abc", "5", "5 m", "-1m", "29s", "1d"})
  void invalidOrTooShortIntervalIsReported(String interval) {
    MaturityTargetSpec spec = valid().spec;
    spec.evaluationInterval = interval;

    assertThat(validate(spec)).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.evaluationInterval");
      assertThat(p.reason()).isEqualTo("InvalidInterval");
      assertThat(p.message()).contains("'" + interval + "'");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"30s", "5m", "1h", "1h30m", "90000ms"})
  void validIntervalsPass(String interval) {
    MaturityTargetSpec spec = valid().spec;
    spec.evaluationInterval = interval;

    assertThat(validate(spec)).isEmpty();
  }

  @Test
  void tooManyWaiversIsReported() {
    Workload w = valid();
    for (int i = 0; i < TargetSpecValidator.MAX_ENTRIES + 1; i++) {
      w.waive("gpu-utilisation", null);
    }

    List<SpecProblem> problems = validate(w.spec);
    assertThat(problems).first().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.waivers");
      assertThat(p.reason()).isEqualTo("TooManyEntries");
      assertThat(p.message()).isEqualTo("spec.waivers has 65 entries; at most 64");
    });
  }

  @Test
  void sixtyFourWaiversAreAllowed() {
    Workload w = valid();
    for (int i = 0; i < TargetSpecValidator.MAX_ENTRIES; i++) {
      w.waive("gpu-utilisation", null);
    }
    assertThat(validate(w.spec)).extracting(SpecProblem::reason).doesNotContain("TooManyEntries");
  }

  @Test
  void missingSpecIsReported() {
    assertThat(TargetSpecValidator.validate(null, Optional.of(MLOPS), Optional.empty(), Workload.TODAY))
        .extracting(SpecProblem::field, SpecProblem::reason).containsExactly(tuple("spec", "MissingWorkload"));
  }

  @Test
  void problemPrintsItsFieldFirst() {
    assertThat(new SpecProblem("spec.targetLevel", "TargetLevelOutOfRange", "too high").toString())
        .isEqualTo("spec.targetLevel: too high");
  }
}
