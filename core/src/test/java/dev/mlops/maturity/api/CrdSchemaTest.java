package dev.mlops.maturity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.maturity.api.v1alpha1.ApiPatterns;
import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.model.BuiltInModels;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the checked-in CRDs make the API server enforce. The test API server does not validate
 * schemas, so we assert on the schema content and run sample specs through {@link SchemaChecker}.
 */
class CrdSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CustomResourceDefinition TARGET_CRD = crd("maturitytargets.maturity.mlops.dev-v1.yml");
  private static final CustomResourceDefinition MODEL_CRD = crd("maturitymodels.maturity.mlops.dev-v1.yml");

  private static CustomResourceDefinition crd(String file) {
    try {
      return Serialization.unmarshal(Files.readString(CrdDriftTest.CHECKED_IN.resolve(file)), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read crds/" + file, e);
    }
  }

  private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    return crd.getSpec().getVersions().get(0);
  }

  private static JSONSchemaProps root(CustomResourceDefinition crd) {
    return version(crd).getSchema().getOpenAPIV3Schema();
  }

  private static JSONSchemaProps at(CustomResourceDefinition crd, String path) {
    JSONSchemaProps s = root(crd);
    for (String part : path.split("\\.")) {
      if (part.equals("[]")) {
        s = s.getItems().getSchema();
      } else {
        assertThat(s.getProperties()).as("schema property " + path).containsKey(part);
        s = s.getProperties().get(part);
      }
    }
    return s;
  }

  private static List<String> rules(JSONSchemaProps s) {
    return s.getXKubernetesValidations() == null ? List.of()
        : s.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
  }

  // --- MaturityTarget ---------------------------------------------------------------------------

  @Test
  void maturityTargetIsNamespacedWithShortNameMtAndAStatusSubresource() {
    assertThat(TARGET_CRD.getMetadata().getName()).isEqualTo("maturitytargets.maturity.mlops.dev");
    assertThat(TARGET_CRD.getSpec().getGroup()).isEqualTo(MaturityTarget.GROUP);
    assertThat(TARGET_CRD.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(TARGET_CRD.getSpec().getNames().getKind()).isEqualTo("MaturityTarget");
    assertThat(TARGET_CRD.getSpec().getNames().getShortNames()).containsExactly("mt");
    CustomResourceDefinitionVersion v = version(TARGET_CRD);
    assertThat(v.getName()).isEqualTo("v1alpha1");
    assertThat(v.getServed()).isTrue();
    assertThat(v.getStorage()).isTrue();
    assertThat(v.getSubresources().getStatus()).isNotNull();
  }

  @Test
  void targetLevelIsARequiredIntegerFromZeroToTen() {
    JSONSchemaProps level = at(TARGET_CRD, "spec.targetLevel");

    assertThat(level.getType()).isEqualTo("integer");
    assertThat(level.getMinimum()).isEqualTo(0.0);
    assertThat(level.getMaximum()).isEqualTo(10.0);
    assertThat(at(TARGET_CRD, "spec").getRequired()).contains("targetLevel", "workload");
  }

  @Test
  void workloadSelectorIsRequired() {
    assertThat(at(TARGET_CRD, "spec.workload").getRequired()).containsExactly("selector");
    assertThat(at(TARGET_CRD, "spec.workload.selector.matchLabels").getType()).isEqualTo("object");
    assertThat(at(TARGET_CRD, "spec.workload.registeredModel").getMaxLength()).isEqualTo(256);
  }

  @Test
  void capabilityIdsHaveThePatternEverywhere() {
    for (String path : List.of("spec.declared.[].capability", "spec.waivers.[].capability",
        "spec.notApplicable.[].capability")) {
      JSONSchemaProps id = at(TARGET_CRD, path);
      assertThat(id.getPattern()).as(path).isEqualTo(ApiPatterns.CAPABILITY_ID).isEqualTo("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
      assertThat(id.getMaxLength()).as(path).isEqualTo(63);
    }
    assertThat(at(TARGET_CRD, "spec.declared.[]").getRequired()).containsExactlyInAnyOrder("capability", "reference");
    assertThat(at(TARGET_CRD, "spec.waivers.[]").getRequired()).containsExactlyInAnyOrder("capability", "reason");
    assertThat(at(TARGET_CRD, "spec.notApplicable.[]").getRequired()).containsExactlyInAnyOrder("capability", "reason");
    assertThat(at(TARGET_CRD, "spec.waivers.[].expires").getPattern()).isEqualTo(ApiPatterns.DATE);
  }

  @Test
  void evaluationIntervalHasTheDurationPatternAndADefault() {
    JSONSchemaProps interval = at(TARGET_CRD, "spec.evaluationInterval");

    assertThat(interval.getPattern()).isEqualTo("^([0-9]+(ms|s|m|h))+$");
    assertThat(interval.getDefault().asText()).isEqualTo("5m");
    assertThat(at(TARGET_CRD, "spec.model").getDefault().asText()).isEqualTo("mlops-5-level");
    assertThat(at(TARGET_CRD, "spec.model").getPattern()).isEqualTo(ApiPatterns.DNS_LABEL);
    assertThat(at(TARGET_CRD, "spec.integrations.prometheus").getPattern()).isEqualTo(ApiPatterns.DNS_LABEL);
    assertThat(at(TARGET_CRD, "spec.integrations.mlflow").getPattern()).isEqualTo(ApiPatterns.DNS_LABEL);
  }

  @Test
  void specListsAndStringsAreBounded() {
    for (String list : List.of("spec.declared", "spec.waivers", "spec.notApplicable")) {
      assertThat(at(TARGET_CRD, list).getMaxItems()).as(list).isEqualTo(64);
    }
    assertThat(at(TARGET_CRD, "status.history").getMaxItems()).isEqualTo(10);
    assertThat(at(TARGET_CRD, "spec.declared.[].reference").getMaxLength()).isEqualTo(512);
    assertThat(at(TARGET_CRD, "spec.declared.[].note").getMaxLength()).isEqualTo(1024);
    assertThat(at(TARGET_CRD, "spec.waivers.[].reason").getMaxLength()).isEqualTo(1024);
    assertThat(at(TARGET_CRD, "spec.waivers.[].reason").getMinLength()).isEqualTo(1);
    assertThat(at(TARGET_CRD, "spec.model").getMaxLength()).isEqualTo(63);
  }

  @Test
  void celRulesKeepPolicyEntriesDistinct() {
    assertThat(rules(at(TARGET_CRD, "spec.declared")))
        .containsExactly("self.all(d, self.exists_one(e, e.capability == d.capability))");
    assertThat(rules(at(TARGET_CRD, "spec.waivers")))
        .containsExactly("self.all(w, self.exists_one(v, v.capability == w.capability))");
    assertThat(rules(at(TARGET_CRD, "spec.notApplicable")))
        .containsExactly("self.all(n, self.exists_one(m, m.capability == n.capability))");
    assertThat(at(TARGET_CRD, "spec.waivers").getXKubernetesValidations().get(0).getMessage())
        .isEqualTo("waivers must name distinct capabilities");
  }

  @Test
  void statusStatesAndSourcesAreEnums() {
    assertThat(at(TARGET_CRD, "status.capabilities.[].state").getEnum()).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("Satisfied", "Missing", "Unknown", "Waived", "NotApplicable");
    assertThat(at(TARGET_CRD, "status.capabilities.[].source").getEnum()).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("observed", "declared");
    assertThat(at(TARGET_CRD, "status").getProperties()).containsKeys("observedGeneration", "observedLevel",
        "observedLevelName", "targetLevel", "targetMet", "conditions", "capabilities", "nextLevel", "recommendations",
        "history");
  }

  @Test
  void printerColumnsShowModelTargetReadyObservedLevelProvenTargetMetAndAgeWithDegradedAndRegressedForWide() {
    List<CustomResourceColumnDefinition> columns = version(TARGET_CRD).getAdditionalPrinterColumns();

    assertThat(columns).extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath,
        CustomResourceColumnDefinition::getType, CustomResourceColumnDefinition::getPriority)
        .containsExactly(
            tuple("MODEL", ".spec.model", "string", 0),
            tuple("TARGET", ".spec.targetLevel", "integer", 0),
            tuple("DEGRADED", ".status.conditions[?(@.type==\"Degraded\")].status", "string", 1),
            tuple("READY", ".status.conditions[?(@.type==\"Ready\")].status", "string", 0),
            tuple("REGRESSED", ".status.conditions[?(@.type==\"Regressed\")].status", "string", 1),
            tuple("OBSERVED", ".status.observedLevel", "integer", 0),
            tuple("LEVEL", ".status.observedLevelName", "string", 0),
            tuple("PROVEN", ".status.provenLevel", "integer", 0),
            tuple("TARGET-MET", ".status.targetMet", "boolean", 0),
            tuple("AGE", ".metadata.creationTimestamp", "date", 0));
  }

  // --- MaturityModel ----------------------------------------------------------------------------

  @Test
  void maturityModelIsClusterScopedWithShortNameMm() {
    assertThat(MODEL_CRD.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(MODEL_CRD.getSpec().getNames().getShortNames()).containsExactly("mm");
    assertThat(MODEL_CRD.getSpec().getNames().getKind()).isEqualTo("MaturityModel");
    assertThat(version(MODEL_CRD).getSubresources().getStatus()).isNotNull();
    assertThat(version(MODEL_CRD).getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
        .containsExactlyInAnyOrder("VALID", "AGE");
  }

  @Test
  void modelLevelsAndRequirementsAreBoundedAndPatterned() {
    assertThat(at(MODEL_CRD, "spec").getRequired()).containsExactly("levels");
    JSONSchemaProps levels = at(MODEL_CRD, "spec.levels");
    assertThat(levels.getMinItems()).isEqualTo(1);
    assertThat(levels.getMaxItems()).isEqualTo(11);
    assertThat(rules(levels)).containsExactly("self.all(l, self.exists_one(m, m.level == l.level))",
        "self.all(l, l.level < size(self))");
    assertThat(at(MODEL_CRD, "spec.levels.[]").getRequired()).containsExactlyInAnyOrder("level", "name");
    assertThat(at(MODEL_CRD, "spec.levels.[].level").getMinimum()).isEqualTo(0.0);
    assertThat(at(MODEL_CRD, "spec.levels.[].level").getMaximum()).isEqualTo(10.0);
    for (String list : List.of("requires", "recommends")) {
      JSONSchemaProps requirement = at(MODEL_CRD, "spec.levels.[]." + list + ".[]");
      assertThat(rules(requirement)).containsExactly("has(self.capability) != has(self.anyOf)");
      assertThat(requirement.getProperties().get("capability").getPattern()).isEqualTo(ApiPatterns.CAPABILITY_ID);
      JSONSchemaProps anyOf = requirement.getProperties().get("anyOf");
      assertThat(anyOf.getMinItems()).isEqualTo(2);
      assertThat(anyOf.getMaxItems()).isEqualTo(8);
      assertThat(anyOf.getItems().getSchema().getPattern()).isEqualTo(ApiPatterns.CAPABILITY_ID);
    }
    assertThat(at(MODEL_CRD, "spec.acceptDeclared.[]").getPattern()).isEqualTo(ApiPatterns.CAPABILITY_ID);
  }

  // --- sample documents through the schema --------------------------------------------------------

  private static final String VALID_TARGET = """
      apiVersion: maturity.mlops.dev/v1alpha1
      kind: MaturityTarget
      metadata: {name: fraud-detector, namespace: fraud}
      spec:
        model: mlops-5-level
        targetLevel: 2
        workload:
          selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}
          registeredModel: fraud-detector
        integrations: {prometheus: default, mlflow: default}
        declared:
        - {capability: data-versioning, reference: "git repo dvc.yaml", note: "DVC tracks the training set"}
        waivers:
        - {capability: gpu-utilisation, reason: "CPU-only model", expires: "2027-06-30"}
        notApplicable:
        - {capability: gpu-scheduling, reason: "CPU-only model"}
        evaluationInterval: 5m
      """;

  private static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> checkTarget(String text) {
    return SchemaChecker.check(root(TARGET_CRD), yaml(text));
  }

  @Test
  void theArchitectureExampleIsValid() {
    assertThat(checkTarget(VALID_TARGET)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      targetLevel -1              | 'targetLevel: 2'                                  | 'targetLevel: -1'                         | 'spec.targetLevel: -1 is less than the minimum 0'
      targetLevel 11              | 'targetLevel: 2'                                  | 'targetLevel: 11'                         | 'spec.targetLevel: 11 is greater than the maximum 10'
      targetLevel as text         | 'targetLevel: 2'                                  | 'targetLevel: two'                        | 'spec.targetLevel: expected integer, got string'
      bad capability id           | '{capability: gpu-utilisation, reason'            | '{capability: Model_Registry, reason'     | 'spec.waivers[0].capability: ''Model_Registry'' does not match ^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
      bad declared capability     | '{capability: data-versioning'                    | '{capability: data versioning'            | 'spec.declared[0].capability: ''data versioning'' does not match ^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
      bad interval                | 'evaluationInterval: 5m'                          | 'evaluationInterval: five minutes'        | 'spec.evaluationInterval: ''five minutes'' does not match ^([0-9]+(ms|s|m|h))+$'
      interval in days            | 'evaluationInterval: 5m'                          | 'evaluationInterval: 1d'                  | 'spec.evaluationInterval: ''1d'' does not match ^([0-9]+(ms|s|m|h))+$'
      bad expiry date             | 'expires: "2027-06-30"'                           | 'expires: "30/06/2027"'                   | 'spec.waivers[0].expires: ''30/06/2027'' does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
      waiver without reason       | ', reason: "CPU-only model", expires'             | ', expires'                               | 'spec.waivers[0].reason: required'
      empty waiver reason         | 'reason: "CPU-only model", expires'               | 'reason: "", expires'                     | 'spec.waivers[0].reason: shorter than 1'
      declared without reference  | ', reference: "git repo dvc.yaml"'                | ''                                        | 'spec.declared[0].reference: required'
      endpoint URL instead of name| 'prometheus: default'                             | 'prometheus: "http://evil:9090"'          | 'spec.integrations.prometheus: ''http://evil:9090'' does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'
      typo in a field name        | 'targetLevel: 2'                                  | 'targetlevel: 2'                          | 'spec.targetLevel: required'
      """)
  void invalidSpecsAreRejectedByTheSchema(String name, String from, String to, String expectedError) {
    assertThat(VALID_TARGET).contains(from);
    String invalid = VALID_TARGET.replace(from, to);

    assertThat(checkTarget(invalid)).as(name).contains(expectedError);
  }

  @Test
  void missingSelectorIsRejected() {
    String invalid = VALID_TARGET.replace("    selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}\n", "");

    assertThat(checkTarget(invalid)).containsExactly("spec.workload.selector: required");
  }

  @Test
  void missingWorkloadIsRejected() {
    String invalid = VALID_TARGET.replaceAll("(?s)  workload:\\n.*?registeredModel: fraud-detector\\n", "");

    assertThat(invalid).doesNotContain("workload");
    assertThat(checkTarget(invalid)).containsExactly("spec.workload: required");
  }

  @Test
  void moreThanSixtyFourWaiversAreRejected() {
    StringBuilder waivers = new StringBuilder();
    for (int i = 0; i < 65; i++) {
      waivers.append("  - {capability: gpu-utilisation, reason: r}\n");
    }
    String invalid = VALID_TARGET.replace("  - {capability: gpu-utilisation, reason: \"CPU-only model\", expires: \"2027-06-30\"}\n",
        waivers.toString());

    assertThat(checkTarget(invalid)).containsExactly("spec.waivers: 65 items, at most 64");
  }

  @Test
  void everyBuiltInModelIsValidAgainstTheMaturityModelSchema() {
    for (String id : BuiltInModels.IDS) {
      JsonNode model = Serialization.jsonMapper().valueToTree(BuiltInModels.resource(id));
      assertThat(SchemaChecker.check(root(MODEL_CRD), model)).as(id).isEmpty();
    }
  }

  @Test
  void everyExampleModelIsValidAgainstTheMaturityModelSchema() throws IOException {
    Path examples = CrdDriftTest.ROOT.resolve("examples/models");
    try (Stream<Path> files = Files.list(examples)) {
      List<Path> models = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(models).isNotEmpty();
      for (Path file : models) {
        assertThat(SchemaChecker.check(root(MODEL_CRD), yaml(Files.readString(file)))).as(file.toString()).isEmpty();
      }
    }
  }

  @Test
  void modelWithABadCapabilityInAnyOfIsRejected() {
    MaturityModel model = BuiltInModels.resource("mlops-5-level");
    model.getSpec().levels.get(2).requires.get(2).anyOf = List.of("scheduled-retraining", "Drift_Triggered");

    JsonNode document = Serialization.jsonMapper().valueToTree(model);
    assertThat(SchemaChecker.check(root(MODEL_CRD), document))
        .containsExactly("spec.levels[2].requires[2].anyOf[1]: 'Drift_Triggered' does not match ^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
  }

  @Test
  void modelLevelAboveTenIsRejected() {
    MaturityModel model = BuiltInModels.resource("google-3-level");
    model.getSpec().levels.get(2).level = 12;

    JsonNode document = Serialization.jsonMapper().valueToTree(model);
    assertThat(SchemaChecker.check(root(MODEL_CRD), document))
        .containsExactly("spec.levels[2].level: 12 is greater than the maximum 10");
  }
}
