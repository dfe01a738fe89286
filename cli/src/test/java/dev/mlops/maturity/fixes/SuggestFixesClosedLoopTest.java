package dev.mlops.maturity.fixes;

import dev.mlops.maturity.demo.DemoAssess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * assess → suggest → apply to the in-process API server → assess, on the demo cluster: every suggested
 * manifest turns its capability Satisfied, capabilities that need HTTP evidence or a person stay blocked
 * and say so, and a level rises wherever only cluster objects were missing.
 */
@EnableKubernetesMockClient(crud = true)
class SuggestFixesClosedLoopTest {
  KubernetesClient client;
  @TempDir
  Path dir;

  @Test
  void everyDemoTeamBelowItsTargetGetsFixesThatSatisfyTheProbes() throws Exception {
    try (DemoAssess demo = new DemoAssess(client, dir)) {
      Map<String, JsonNode> before = demo.assessments("--suggest-fixes");
      DemoAssess.Run yaml = demo.assess("--suggest-fixes", "-o", "yaml");
      assertThat(yaml.exit()).as(yaml.err()).isZero();
      List<GenericKubernetesResource> manifests = DemoAssess.documents(yaml.out());
      assertThat(manifests).extracting(GenericKubernetesResource::getKind)
          .containsExactlyInAnyOrder("Service", "ServiceMonitor", "PrometheusRule", "EventSource", "Sensor");
      validatesAgainstUpstreamCrds(manifests);
      demo.apply(manifests);
      Map<String, JsonNode> after = demo.assessments();

      List<String> below = new ArrayList<>();
      SoftAssertions soft = new SoftAssertions();
      before.forEach((ns, a) -> {
        if (a.path("targetMet").asBoolean()) {
          return;
        }
        below.add(ns);
        JsonNode fixes = a.path("suggestedFixes");
        JsonNode now = after.get(ns);
        int level = a.path("observedLevel").asInt();
        soft.assertThat(fixes.path("nextLevel").asInt()).as(ns + " next level").isEqualTo(level + 1);
        soft.assertThat(fixes.path("suggestions").size()).as(ns + ": one suggestion per blocking requirement")
            .isEqualTo(a.path("nextLevel").path("missing").size());
        for (JsonNode s : fixes.path("suggestions")) {
          String capability = s.path("capability").asText();
          String remedy = s.path("remedy").asText();
          soft.assertThat(s.path("message").asText()).as(ns + " " + capability + " message").isNotBlank();
          if (remedy.equals("manifests")) {
            soft.assertThat(DemoAssess.state(now, capability)).as(ns + " " + capability + " after applying its manifests").isEqualTo("Satisfied");
          } else {
            soft.assertThat(remedy).as(ns + " " + capability).isIn("needsHttpEvidence", "needsHuman", "clusterLacks");
            soft.assertThat(DemoAssess.state(now, capability)).as(ns + " " + capability + " has no manifest, so it stays blocked")
                .isNotEqualTo("Satisfied");
          }
        }
        int raised = now.path("observedLevel").asInt();
        soft.assertThat(raised).as(ns + " never drops").isGreaterThanOrEqualTo(level);
        if (fixes.path("manifestsSuffice").asBoolean()) {
          soft.assertThat(raised).as(ns + ": only cluster objects were missing").isGreaterThan(level);
        }
      });
      soft.assertAll();
      assertThat(below).containsExactlyInAnyOrder("churn", "recsys", "fraud", "pricing", "ads");

      assertThat(remedies(before.get("churn"))).containsEntry("health-monitoring", "manifests")
          .containsEntry("model-registry", "needsHttpEvidence").containsEntry("model-versioning", "needsHttpEvidence")
          .containsEntry("manual-retraining-documented", "needsHuman").containsEntry("retrain-by-others", "needsHuman");
      assertThat(remedies(before.get("fraud"))).containsEntry("drift-triggered-retraining", "manifests")
          .containsEntry("feature-store", "needsHuman");
      assertThat(remedies(before.get("recsys"))).containsEntry("scheduled-retraining", "clusterLacks")
          .containsEntry("quality-gate", "needsHttpEvidence");
      assertThat(message(before.get("recsys"), "scheduled-retraining")).contains("no training template found");
      assertThat(remedies(before.get("ads"))).containsEntry("drift-monitoring", "needsHttpEvidence");
      assertThat(yaml.out()).contains("# NOT APPLIED model-registry (needs HTTP evidence)",
          "# health-monitoring: unlocks level 1 (Managed) of mlops-5-level for churn/churn-predictor");
    }
  }

  @Test
  void fraudClimbsBackToLevelTwoWithTheSuggestedCronWorkflowAfterItsScheduleIsDeleted() throws Exception {
    try (DemoAssess demo = new DemoAssess(client, dir)) {
      demo.client().genericKubernetesResources("argoproj.io/v1alpha1", "CronWorkflow").inNamespace("fraud")
          .withName("fraud-detector-nightly").delete();
      JsonNode dropped = demo.assessments("-n", "fraud", "--suggest-fixes").get("fraud");
      assertThat(dropped.path("observedLevel").asInt()).isEqualTo(1);
      assertThat(dropped.path("suggestedFixes").path("manifestsSuffice").asBoolean()).as(dropped.toString()).isTrue();
      assertThat(remedies(dropped)).containsExactlyEntriesOf(Map.of("scheduled-retraining", "manifests"));

      DemoAssess.Run yaml = demo.assess("-n", "fraud", "--suggest-fixes", "-o", "yaml");
      List<GenericKubernetesResource> manifests = DemoAssess.documents(yaml.out());
      assertThat(manifests).singleElement().satisfies(cron -> {
        assertThat(cron.getKind()).isEqualTo("CronWorkflow");
        assertThat(cron.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "fraud-detector");
      });
      assertThat(yaml.out()).contains("# scheduled-retraining: unlocks level 2 (Automated) of mlops-5-level for fraud/fraud-detector");
      validatesAgainstUpstreamCrds(manifests);
      demo.apply(manifests);

      JsonNode climbed = demo.assessments("-n", "fraud").get("fraud");
      assertThat(climbed.path("observedLevel").asInt()).isEqualTo(2);
      assertThat(DemoAssess.state(climbed, "scheduled-retraining")).isEqualTo("Satisfied");
    }
  }

  @Test
  void tableAndMarkdownListTheSuggestionsAndJunitIsRefused() throws Exception {
    try (DemoAssess demo = new DemoAssess(client, dir)) {
      DemoAssess.Run table = demo.assess("-n", "churn", "--suggest-fixes");
      assertThat(table.exit()).isZero();
      assertThat(table.out()).contains("suggested fixes for churn/churn-predictor: level 0 → 1 (Managed)",
          "health-monitoring", "apply manifests", "model-registry", "needs HTTP evidence", "needs a human");
      assertThat(demo.assess("-n", "fraud", "--suggest-fixes", "-o", "markdown").out())
          .contains("# Suggested fixes", "| drift-triggered-retraining | apply manifests |");
      DemoAssess.Run junit = demo.assess("--suggest-fixes", "-o", "junit");
      assertThat(junit.exit()).isEqualTo(2);
      assertThat(junit.err()).contains("--suggest-fixes prints table, json, markdown or yaml");
      DemoAssess.Run sarif = demo.assess("--suggest-fixes", "-o", "sarif");
      assertThat(sarif.exit()).isEqualTo(2);
      assertThat(sarif.err()).contains("--suggest-fixes prints table, json, markdown or yaml");
      assertThat(demo.assess("-o", "yaml").out()).as("without --suggest-fixes, -o yaml is the report as YAML")
          .contains("observedLevel").doesNotContain("kind: ServiceMonitor");

      // the README section shows this run's real output: every line of it must be there
      String readme = Files.readString(DemoAssess.ROOT.resolve("README.md"));
      String fraudYaml = demo.assess("-n", "fraud", "--suggest-fixes", "-o", "yaml").out();
      Path shown = DemoAssess.ROOT.resolve("cli/target/suggest-fixes-demo");
      Files.createDirectories(shown);
      Files.writeString(shown.resolve("churn-table.txt"), table.out());
      Files.writeString(shown.resolve("fraud-yaml.txt"), fraudYaml);
      for (String out : List.of(table.out(), fraudYaml)) {
        assertThat(readme).as("README section \"Climbing: assess --suggest-fixes\" shows the real output (see cli/target/suggest-fixes-demo/)")
            .contains(out.stripTrailing());
      }
    }
  }

  /** Every third-party object against its vendored upstream CRD (core test resources crds/upstream/, each naming its source). */
  private static void validatesAgainstUpstreamCrds(List<GenericKubernetesResource> manifests) {
    for (GenericKubernetesResource m : manifests) {
      if (m.getApiVersion().contains("/") && !m.getApiVersion().startsWith("batch/") && !m.getApiVersion().startsWith("apps/")) {
        assertThat(UpstreamCrds.of(m.getKind())).as(m.getKind() + " has a vendored upstream CRD").isPresent();
        assertThat(UpstreamCrds.of(m.getKind()).orElseThrow().validate(m)).as(m.getKind() + " " + m.getMetadata().getName()).isEmpty();
      }
    }
  }

  private static Map<String, String> remedies(JsonNode assessment) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    assessment.path("suggestedFixes").path("suggestions").forEach(s -> out.put(s.path("capability").asText(), s.path("remedy").asText()));
    return out;
  }

  private static String message(JsonNode assessment, String capability) {
    for (JsonNode s : assessment.path("suggestedFixes").path("suggestions")) {
      if (s.path("capability").asText().equals(capability)) {
        return s.path("message").asText();
      }
    }
    return "";
  }
}
