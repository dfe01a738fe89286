package dev.mlops.maturity.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in models are exactly those of MODELS.md. */
class BuiltInModelsTest {
  private static final String RETRAIN_ANY =
      "anyOf(scheduled-retraining|drift-triggered-retraining|performance-triggered-retraining)";
  private static final BuiltInModels MODELS = BuiltInModels.load();

  private static MaturityModelDefinition model(String id) {
    return MODELS.find(id).orElseThrow();
  }

  private static List<String> requires(MaturityModelDefinition m, int level) {
    return m.level(level).requires().stream().map(Requirement::describe).toList();
  }

  private static List<String> recommends(MaturityModelDefinition m, int level) {
    return m.level(level).recommends().stream().map(Requirement::describe).toList();
  }

  @Test
  void loadsTheThreeModelsWithTheDefaultFirst() {
    assertThat(MODELS.all()).extracting(MaturityModelDefinition::id)
        .containsExactly("mlops-5-level", "google-3-level", "azure-5-level");
    assertThat(BuiltInModels.DEFAULT).isEqualTo("mlops-5-level");
    assertThat(MODELS.find("acme")).isEmpty();
  }

  @Test
  void mlopsFiveLevelMatchesModelsMd() {
    MaturityModelDefinition m = model("mlops-5-level");

    assertThat(m.levels()).extracting(Level::name)
        .containsExactly("Manual", "Managed", "Automated", "Governed", "Optimized");
    assertThat(requires(m, 0)).isEmpty();
    assertThat(requires(m, 1)).containsExactly("model-registry", "model-versioning", "health-monitoring",
        "manual-retraining-documented", "retrain-by-others");
    assertThat(requires(m, 2)).containsExactly("training-pipeline", "cicd-deployment", RETRAIN_ANY, "quality-gate");
    assertThat(recommends(m, 2)).containsExactly("pipeline-decides-deployment");
    assertThat(requires(m, 3)).containsExactly("feature-store", "ab-testing", "drift-triggered-retraining",
        "promotion-rbac", "audit-trail");
    assertThat(requires(m, 4)).containsExactly("multi-model-serving", "gpu-scheduling", "spot-capacity",
        "right-sizing", "self-healing-rollback", "gpu-utilisation");
    assertThat(m.acceptDeclared()).containsExactlyInAnyOrder("manual-retraining-documented", "retrain-by-others",
        "audit-trail", "quality-gate", "data-versioning");
  }

  @Test
  void googleThreeLevelMatchesModelsMd() {
    MaturityModelDefinition m = model("google-3-level");

    assertThat(m.levels()).extracting(Level::name)
        .containsExactly("Manual process", "ML pipeline automation", "CI/CD pipeline automation");
    assertThat(requires(m, 0)).isEmpty();
    assertThat(requires(m, 1)).containsExactly("experiment-tracking", "training-pipeline", "data-versioning",
        "feature-store", "model-registry");
    assertThat(recommends(m, 1)).containsExactly("orchestrator", "data-validation", "model-versioning");
    assertThat(requires(m, 2)).containsExactly("cicd-deployment", RETRAIN_ANY, "ab-testing", "drift-monitoring");
    assertThat(recommends(m, 2)).containsExactly("model-testing-ci", "anyOf(canary-deployment|shadow-deployment)",
        "health-monitoring", "alerting");
    assertThat(m.acceptDeclared()).containsExactlyInAnyOrder("data-versioning", "model-testing-ci", "data-validation");
  }

  @Test
  void azureFiveLevelMatchesModelsMd() {
    MaturityModelDefinition m = model("azure-5-level");

    assertThat(m.levels()).extracting(Level::name).containsExactly("No MLOps", "DevOps but no MLOps",
        "Automated training", "Automated model deployment", "Full MLOps automated operations");
    assertThat(requires(m, 0)).isEmpty();
    assertThat(requires(m, 1)).containsExactly("app-ci", "code-versioned");
    assertThat(requires(m, 2)).containsExactly("training-pipeline", "experiment-tracking", "model-registry",
        "model-versioning", RETRAIN_ANY, "orchestrator");
    assertThat(recommends(m, 2)).containsExactly("feature-store");
    assertThat(requires(m, 3)).containsExactly("cicd-deployment", "ab-testing", "model-testing-ci");
    assertThat(requires(m, 4)).containsExactly("anyOf(drift-triggered-retraining|performance-triggered-retraining)",
        "health-monitoring", "drift-monitoring", "quality-gate", "promotion-rbac", "self-healing-rollback");
    // app-ci and model-testing-ci are declared in MODELS.md; code-versioned is declared when GitOps is not used
    assertThat(m.acceptDeclared()).containsExactlyInAnyOrder("app-ci", "code-versioned", "model-testing-ci");
  }

  @Test
  void everyCapabilityTheModelsNameIsInTheCatalogue() {
    for (MaturityModelDefinition m : MODELS.all()) {
      assertThat(m.capabilities()).as(m.id()).allMatch(CapabilityCatalogue::contains);
      assertThat(m.acceptDeclared()).as(m.id() + " acceptDeclared").allMatch(CapabilityCatalogue::contains);
    }
  }

  @Test
  void everyDeclaredOnlyCapabilityAModelRequiresIsAccepted() {
    for (MaturityModelDefinition m : MODELS.all()) {
      m.levels().stream().flatMap(l -> l.requires().stream()).flatMap(r -> r.anyOf().stream())
          .filter(id -> CapabilityCatalogue.get(id).declaredOnly())
          .forEach(id -> assertThat(m.acceptsDeclared(id)).as(m.id() + " accepts declared " + id).isTrue());
    }
  }

  @Test
  void shippedResourceIsTheSameYamlACustomModelCopies() {
    var resource = BuiltInModels.resource("google-3-level");

    assertThat(resource.getKind()).isEqualTo("MaturityModel");
    assertThat(resource.getApiVersion()).isEqualTo("maturity.mlops.dev/v1alpha1");
    assertThat(resource.getMetadata().getName()).isEqualTo("google-3-level");
    assertThat(resource.getSpec().levels).hasSize(3);
  }

  @Test
  void descriptionsNameTheLevelsInOrder() {
    Map<String, String> descriptions = MODELS.all().stream()
        .collect(Collectors.toMap(MaturityModelDefinition::id, MaturityModelDefinition::description));
    for (MaturityModelDefinition m : MODELS.all()) {
      assertThat(descriptions.get(m.id()))
          .isEqualTo(m.levels().stream().map(Level::name).collect(Collectors.joining(", ")));
    }
  }
}
