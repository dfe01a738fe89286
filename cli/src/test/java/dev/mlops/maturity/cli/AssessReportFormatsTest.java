package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlops.maturity.demo.DemoAssess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `assess -o sarif` (SARIF 2.1.0) and `-o yaml` (the json tree as YAML) against the demo's six teams. */
@EnableKubernetesMockClient(crud = true)
class AssessReportFormatsTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir
  Path dir;
  DemoAssess demo;

  @BeforeEach
  void cluster() throws Exception {
    demo = new DemoAssess(client, dir);
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  DemoAssess.Run assess(String... args) {
    return demo.assess(args);
  }

  @Test
  void sarifHasTheRequiredFieldsOneRulePerCapabilityAndErrorsForTargetsBelowTheirTarget() throws Exception {
    DemoAssess.Run run = assess("-o", "sarif");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode sarif = new ObjectMapper().readTree(run.out());

    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    JsonNode driver = sarif.path("runs").path(0).path("tool").path("driver");
    assertThat(driver.path("name").asText()).isEqualTo("mlops-maturity-operator");
    List<String> rules = new ArrayList<>();
    driver.path("rules").forEach(r -> rules.add(r.path("id").asText()));
    assertThat(rules).doesNotHaveDuplicates().contains("feature-store", "ab-testing", "scheduled-retraining", "invalid-target");
    assertThat(driver.path("rules").get(rules.indexOf("feature-store")).path("shortDescription").path("text").asText()).isNotBlank();

    JsonNode results = sarif.path("runs").path(0).path("results");
    assertThat(results.isArray()).isTrue();
    Set<String> located = new HashSet<>();
    for (JsonNode r : results) {
      assertThat(r.path("level").asText()).isIn("error", "warning", "note");
      assertThat(rules.get(r.path("ruleIndex").asInt())).isEqualTo(r.path("ruleId").asText());
      assertThat(r.path("message").path("text").asText()).isNotBlank();
      located.add(r.path("locations").path(0).path("logicalLocations").path(0).path("fullyQualifiedName").asText());
    }
    assertThat(located).as("every team below its target, not search at the top level")
        .containsExactlyInAnyOrder("churn/churn-predictor", "recsys/recsys-ranker", "fraud/fraud-detector", "pricing/price-optimizer", "ads/ads-ctr");
    JsonNode featureStore = find(results, "fraud/fraud-detector", "feature-store");
    assertThat(featureStore).as(results.toString()).isNotNull();
    assertThat(featureStore.path("level").asText()).as("fraud is at 2, its target 3 needs a feature store").isEqualTo("error");
    assertThat(featureStore.path("locations").path(0).path("logicalLocations").path(0).path("name").asText()).isEqualTo("fraud-detector");
    assertThat(find(results, "fraud/fraud-detector", "scheduled-retraining")).as("satisfied: not blocking").isNull();
  }

  @Test
  void sarifWarnsWhenACapabilityBlocksOnlyTheNextLevelOfATargetThatMeetsItsTarget() throws Exception {
    // the demo's fraud target (level 2, with its declared entries), asking only for level 1
    String manifests = Files.readString(DemoAssess.ROOT.resolve("examples/demo/cluster/30-fraud-level2.yaml"));
    String fraud = manifests.substring(manifests.lastIndexOf("apiVersion: maturity.mlops.dev/v1alpha1"));
    assertThat(fraud).contains("kind: MaturityTarget", "targetLevel: 3");
    Path file = Files.writeString(dir.resolve("target.yaml"), fraud.replace("targetLevel: 3", "targetLevel: 1") + """
        ---
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: broken, namespace: fraud}
        spec:
          model: no-such-model
          targetLevel: 1
          workload: {selector: {}}
        """);
    DemoAssess.Run run = assess("-f", file.toString(), "-o", "sarif");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode results = new ObjectMapper().readTree(run.out()).path("runs").path(0).path("results");

    assertThat(find(results, "fraud/fraud-detector", "feature-store")).as(run.out()).isNotNull();
    assertThat(find(results, "fraud/fraud-detector", "feature-store").path("level").asText()).isEqualTo("warning");
    for (JsonNode r : results) {
      if (location(r).equals("fraud/fraud-detector")) {
        assertThat(r.path("level").asText()).as(r.toString()).isIn("warning", "note");
      }
    }
    JsonNode invalid = find(results, "fraud/broken", "invalid-target");
    assertThat(invalid.path("level").asText()).isEqualTo("error");
    assertThat(invalid.path("message").path("text").asText()).contains("no-such-model");
  }

  @Test
  void yamlIsTheJsonTreeAsYaml() throws Exception {
    DemoAssess.Run json = assess("-o", "json");
    DemoAssess.Run yaml = assess("-o", "yaml");
    assertThat(yaml.exit()).as(yaml.err()).isZero();
    assertThat(yaml.out()).doesNotStartWith("{").startsWith("assessments:");

    JsonNode fromYaml = new YAMLMapper().readTree(yaml.out());
    JsonNode fromJson = new ObjectMapper().readTree(json.out());
    assertThat(fromJson.path("assessments")).hasSize(6);
    assertThat(fromYaml).isEqualTo(fromJson);
  }

  private static String location(JsonNode result) {
    return result.path("locations").path(0).path("logicalLocations").path(0).path("fullyQualifiedName").asText();
  }

  private static JsonNode find(JsonNode results, String target, String ruleId) {
    for (JsonNode r : results) {
      if (location(r).equals(target) && r.path("ruleId").asText().equals(ruleId)) {
        return r;
      }
    }
    return null;
  }
}
