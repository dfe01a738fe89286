package dev.mlops.maturity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.model.CapabilityCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: for each built-in model, evidence sets at every level and what the engine must say. */
class BuiltInModelLevelsTest {
  private static final String RETRAIN_ANY =
      "anyOf(scheduled-retraining|drift-triggered-retraining|performance-triggered-retraining)";

  /** One row: which capabilities hold, the level expected, and what blocks the next level. */
  record Case(String name, List<String> satisfied, int level, List<String> missing) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<String> ids(List<?>... parts) {
    List<String> all = new ArrayList<>();
    for (List<?> p : parts) {
      p.forEach(x -> all.add((String) x));
    }
    return all;
  }

  // mlops-5-level, per MODELS.md section 1 (one member of the level-2 anyOf)
  static final List<String> M1 = List.of("model-registry", "model-versioning", "health-monitoring",
      "manual-retraining-documented", "retrain-by-others");
  static final List<String> M2 = List.of("training-pipeline", "cicd-deployment", "scheduled-retraining", "quality-gate");
  static final List<String> M3 = List.of("feature-store", "ab-testing", "drift-triggered-retraining", "promotion-rbac",
      "audit-trail");
  static final List<String> M4 = List.of("multi-model-serving", "gpu-scheduling", "spot-capacity", "right-sizing",
      "self-healing-rollback", "gpu-utilisation");

  static Stream<Case> mlopsFiveLevel() {
    return Stream.of(
        new Case("nothing in place is level 0 (Manual)", List.of(), 0, M1),
        new Case("a registry alone is level 0", List.of("model-registry"), 0,
            List.of("model-versioning", "health-monitoring", "manual-retraining-documented", "retrain-by-others")),
        new Case("a registry with no automation is level 1, not level 2", M1, 1,
            List.of("training-pipeline", "cicd-deployment", RETRAIN_ANY, "quality-gate")),
        new Case("a pipeline and CI/CD without a retraining trigger or gate stay at level 1",
            ids(M1, List.of("training-pipeline", "cicd-deployment")), 1, List.of(RETRAIN_ANY, "quality-gate")),
        new Case("all of level 2 without level 1 is level 0: levels are never skipped",
            ids(M2, List.of("model-registry", "health-monitoring", "manual-retraining-documented", "retrain-by-others")),
            0, List.of("model-versioning")),
        new Case("level 2 through scheduled retraining", ids(M1, M2), 2, M3),
        new Case("level 2 through performance-triggered retraining",
            ids(M1, List.of("training-pipeline", "cicd-deployment", "performance-triggered-retraining", "quality-gate")),
            2, M3),
        new Case("level 2 through drift-triggered retraining, which also counts at level 3",
            ids(M1, List.of("training-pipeline", "cicd-deployment", "drift-triggered-retraining", "quality-gate")), 2,
            List.of("feature-store", "ab-testing", "promotion-rbac", "audit-trail")),
        new Case("level 3 needs drift-triggered retraining itself, a schedule is not enough",
            ids(M1, M2, List.of("feature-store", "ab-testing", "promotion-rbac", "audit-trail")), 2,
            List.of("drift-triggered-retraining")),
        new Case("level 3 (Governed)", ids(M1, M2, M3), 3, M4),
        new Case("level 3 with low GPU utilisation stays at 3",
            ids(M1, M2, M3, M4.subList(0, 5)), 3, List.of("gpu-utilisation")),
        new Case("level 4 (Optimized): everything in place", ids(M1, M2, M3, M4), 4, null));
  }

  // google-3-level, per MODELS.md section 2
  static final List<String> G1 = List.of("experiment-tracking", "training-pipeline", "data-versioning", "feature-store",
      "model-registry");
  static final List<String> G2 = List.of("cicd-deployment", "drift-triggered-retraining", "ab-testing", "drift-monitoring");

  static Stream<Case> googleThreeLevel() {
    return Stream.of(
        new Case("nothing in place is level 0 (Manual process)", List.of(), 0, G1),
        new Case("a registry and tracking without a feature store stay at level 0",
            List.of("experiment-tracking", "training-pipeline", "data-versioning", "model-registry"), 0,
            List.of("feature-store")),
        new Case("level 1 (ML pipeline automation)", G1, 1, List.of("cicd-deployment", RETRAIN_ANY, "ab-testing",
            "drift-monitoring")),
        new Case("level 1 with CI/CD but no continuous training",
            ids(G1, List.of("cicd-deployment", "ab-testing", "drift-monitoring")), 1, List.of(RETRAIN_ANY)),
        new Case("level 2 through drift-triggered retraining", ids(G1, G2), 2, null),
        new Case("level 2 through a schedule",
            ids(G1, List.of("cicd-deployment", "scheduled-retraining", "ab-testing", "drift-monitoring")), 2, null),
        new Case("level 2 through performance-triggered retraining",
            ids(G1, List.of("cicd-deployment", "performance-triggered-retraining", "ab-testing", "drift-monitoring")), 2,
            null),
        new Case("level 2 requirements without level 1 are level 0", G2, 0, G1));
  }

  // azure-5-level, per MODELS.md section 3
  static final List<String> A1 = List.of("app-ci", "code-versioned");
  static final List<String> A2 = List.of("training-pipeline", "experiment-tracking", "model-registry", "model-versioning",
      "scheduled-retraining", "orchestrator");
  static final List<String> A3 = List.of("cicd-deployment", "ab-testing", "model-testing-ci");
  static final List<String> A4 = List.of("drift-triggered-retraining", "health-monitoring", "drift-monitoring",
      "quality-gate", "promotion-rbac", "self-healing-rollback");

  static Stream<Case> azureFiveLevel() {
    return Stream.of(
        new Case("nothing in place is level 0 (No MLOps)", List.of(), 0, A1),
        new Case("versioned code without CI is level 0", List.of("code-versioned"), 0, List.of("app-ci")),
        new Case("level 1 (DevOps but no MLOps)", A1, 1, List.of("training-pipeline", "experiment-tracking",
            "model-registry", "model-versioning", RETRAIN_ANY, "orchestrator")),
        new Case("level 1 with a pipeline but no orchestrator", ids(A1, A2.subList(0, 5)), 1, List.of("orchestrator")),
        new Case("level 2 (Automated training)", ids(A1, A2), 2, A3),
        new Case("level 2 without model tests in CI", ids(A1, A2, List.of("cicd-deployment", "ab-testing")), 2,
            List.of("model-testing-ci")),
        new Case("level 3 (Automated model deployment)", ids(A1, A2, A3), 3,
            List.of("anyOf(drift-triggered-retraining|performance-triggered-retraining)", "health-monitoring",
                "drift-monitoring", "quality-gate", "promotion-rbac", "self-healing-rollback")),
        new Case("a schedule counts at level 2 but not for the level-4 trigger",
            ids(A1, A2, A3, A4.subList(1, 6)), 3,
            List.of("anyOf(drift-triggered-retraining|performance-triggered-retraining)")),
        new Case("level 4 through performance-triggered retraining",
            ids(A1, A2, A3, A4.subList(1, 6), List.of("performance-triggered-retraining")), 4, null),
        new Case("level 4 (Full MLOps automated operations)", ids(A1, A2, A3, A4), 4, null));
  }

  @ParameterizedTest(name = "mlops-5-level: {0}")
  @MethodSource("mlopsFiveLevel")
  void mlopsFiveLevelTable(Case c) {
    check("mlops-5-level", c);
  }

  @ParameterizedTest(name = "google-3-level: {0}")
  @MethodSource("googleThreeLevel")
  void googleThreeLevelTable(Case c) {
    check("google-3-level", c);
  }

  @ParameterizedTest(name = "azure-5-level: {0}")
  @MethodSource("azureFiveLevel")
  void azureFiveLevelTable(Case c) {
    check("azure-5-level", c);
  }

  private static void check(String modelId, Case c) {
    Workload w = Workload.on(modelId).satisfied(c.satisfied());
    LevelOutcome a = w.evaluate();

    assertThat(a.observedLevel()).as("observed level").isEqualTo(c.level());
    assertThat(a.strictLevel()).isEqualTo(c.level());
    assertThat(a.observedLevelName()).isEqualTo(w.model.level(c.level()).name());
    assertThat(a.transition()).isEqualTo(LevelTransition.INITIAL);
    assertThat(a.regressed()).isFalse();
    if (c.missing() == null) {
      assertThat(c.level()).isEqualTo(w.model.topLevel());
      assertThat(a.nextLevel()).isEmpty();
      assertThat(a.recommendations()).isEmpty();
      return;
    }
    NextLevelGap next = a.nextLevel().orElseThrow();
    assertThat(next.level()).isEqualTo(c.level() + 1);
    assertThat(next.name()).isEqualTo(w.model.level(c.level() + 1).name());
    assertThat(next.missing()).as("nextLevel.missing").containsExactlyElementsOf(c.missing());
    // one recommendation per blocking requirement, in the same order, with the catalogue's advice
    assertThat(a.recommendations()).hasSameSizeAs(c.missing());
    for (int i = 0; i < c.missing().size(); i++) {
      String blocker = c.missing().get(i);
      String firstId = blocker.startsWith("anyOf(") ? blocker.substring(6, blocker.indexOf('|')) : blocker;
      assertThat(a.recommendations().get(i))
          .isEqualTo(blocker + ": " + CapabilityCatalogue.get(firstId).howToClimb());
    }
  }

  @Test
  void registryWithoutAutomationIsLevelOneNotLevelTwo() {
    LevelOutcome a = Workload.on("mlops-5-level").satisfied(M1).evaluate();

    assertThat(a.observedLevel()).isEqualTo(1);
    assertThat(a.observedLevelName()).isEqualTo("Managed");
    assertThat(a.nextLevel().orElseThrow().name()).isEqualTo("Automated");
    assertThat(a.recommendations()).first().asString()
        .isEqualTo("training-pipeline: Turn the training notebook into a WorkflowTemplate, KFP pipeline or Tekton "
            + "Pipeline labelled for the workload.");
  }

  @Test
  void levelZeroRecommendsInstallingARegistryFirst() {
    LevelOutcome a = Workload.on("mlops-5-level").evaluate();

    assertThat(a.recommendations()).first().asString()
        .isEqualTo("model-registry: Install MLflow and register the model (name = workload.registeredModel).");
  }

  @Test
  void anyOfWithNoMemberBlocksAndIsShownAsAnyOf() {
    LevelOutcome a = Workload.on("mlops-5-level").satisfied(M1)
        .satisfied("training-pipeline", "cicd-deployment", "quality-gate")
        .observe(CapabilityState.Unknown, "drift-triggered-retraining")
        .evaluate();

    assertThat(a.observedLevel()).isEqualTo(1);
    assertThat(a.nextLevel().orElseThrow().missing()).containsExactly(RETRAIN_ANY);
    assertThat(a.recommendations()).singleElement().asString()
        .startsWith(RETRAIN_ANY + ": Schedule retraining with an Argo CronWorkflow");
  }

  @Test
  void anyMemberOfAnyOfIsEnoughEvenWhenTheOthersAreUnknown() {
    LevelOutcome a = Workload.on("mlops-5-level").satisfied(M1)
        .satisfied("training-pipeline", "cicd-deployment", "quality-gate", "performance-triggered-retraining")
        .observe(CapabilityState.Unknown, "scheduled-retraining", "drift-triggered-retraining")
        .evaluate();

    assertThat(a.observedLevel()).isEqualTo(2);
  }

  @Test
  void waivedMemberOfAnyOfHoldsIt() {
    LevelOutcome a = Workload.on("google-3-level").satisfied(G1)
        .satisfied("cicd-deployment", "ab-testing", "drift-monitoring")
        .waive("scheduled-retraining", null)
        .evaluate();

    assertThat(a.observedLevel()).isEqualTo(2);
  }

  @Test
  void cpuOnlyWorkloadReachesLevelFourOnlyWithGpuCapabilitiesNotApplicable() {
    List<String> withoutGpu = ids(M1, M2, M3, List.of("multi-model-serving", "spot-capacity", "right-sizing",
        "self-healing-rollback"));

    assertThat(Workload.on("mlops-5-level").satisfied(withoutGpu).evaluate().observedLevel()).isEqualTo(3);
    LevelOutcome a = Workload.on("mlops-5-level").satisfied(withoutGpu)
        .notApplicable("gpu-scheduling").notApplicable("gpu-utilisation").evaluate();
    assertThat(a.observedLevel()).isEqualTo(4);
    assertThat(a.observedLevelName()).isEqualTo("Optimized");
  }

  @Test
  void recommendedCapabilitiesNeverBlockALevel() {
    Workload w = Workload.on("google-3-level").satisfied(ids(G1, G2));
    w.observe(CapabilityState.Missing, "orchestrator", "data-validation", "model-versioning", "model-testing-ci",
        "canary-deployment", "shadow-deployment", "health-monitoring", "alerting");

    LevelOutcome a = w.evaluate();
    assertThat(a.observedLevel()).isEqualTo(2);
    assertThat(a.capabilities()).filteredOn(CapabilityResult::recommended).extracting(CapabilityResult::id)
        .containsExactly("orchestrator", "data-validation", "model-versioning", "model-testing-ci",
            "canary-deployment", "shadow-deployment", "health-monitoring", "alerting");
  }

  @Test
  void capabilityListNamesTheLevelThatRequiresEachCapabilityOnce() {
    LevelOutcome a = Workload.on("mlops-5-level").evaluate();

    assertThat(a.capabilities()).extracting(CapabilityResult::id).doesNotHaveDuplicates();
    // drift-triggered-retraining is first named by the level-2 anyOf
    assertThat(a.capabilities()).filteredOn(c -> c.id().equals("drift-triggered-retraining"))
        .singleElement().satisfies(c -> {
          assertThat(c.level()).isEqualTo(2);
          assertThat(c.recommended()).isFalse();
        });
    assertThat(a.capabilities()).filteredOn(c -> c.id().equals("pipeline-decides-deployment"))
        .singleElement().satisfies(c -> {
          assertThat(c.level()).isEqualTo(2);
          assertThat(c.recommended()).isTrue();
        });
    assertThat(a.capabilities()).extracting(CapabilityResult::id)
        .containsExactlyInAnyOrderElementsOf(Workload.model("mlops-5-level").capabilities());
  }

  @Test
  void targetMetWhenObservedReachesTarget() {
    Workload w = Workload.on("mlops-5-level").satisfied(M1);
    w.spec.targetLevel = 1;
    assertThat(w.evaluate().targetMet()).isTrue();
    w.spec.targetLevel = 2;
    LevelOutcome a = w.evaluate();
    assertThat(a.targetMet()).isFalse();
    assertThat(a.targetLevel()).isEqualTo(2);
  }
}
