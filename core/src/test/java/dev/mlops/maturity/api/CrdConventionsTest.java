package dev.mlops.maturity.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checked-in CRDs follow the conventions `kubectl explain` and `kubectl get` users rely on (issue 17). */
class CrdConventionsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Path> crds() throws IOException {
    try (Stream<Path> files = Files.list(CrdDriftTest.CHECKED_IN)) {
      return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void everyFieldHasADescriptionForKubectlExplain(Path crd) throws IOException {
    List<String> undescribed = new ArrayList<>();
    walk(schema(crd), "", undescribed);

    assertThat(undescribed).as("fields without a description in %s", crd.getFileName()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void conditionsAreAMapListKeyedByTypeWithAnEnumStatus(Path crd) throws IOException {
    JsonNode conditions = schema(crd).at("/properties/status/properties/conditions");
    if (conditions.isMissingNode()) {
      return;
    }
    assertThat(conditions.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(conditions.path("x-kubernetes-list-map-keys")).extracting(JsonNode::asText).containsExactly("type");
    assertThat(conditions.at("/items/required")).extracting(JsonNode::asText).contains("type", "status");
    assertThat(conditions.at("/items/properties/status/enum")).extracting(JsonNode::asText).containsExactlyInAnyOrder("True", "False", "Unknown");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void theTargetShowsReadyByDefaultAndDegradedAndRegressedWithWide(Path crd) throws IOException {
    JsonNode root = YAML.readTree(crd.toFile());
    if (!"MaturityTarget".equals(root.at("/spec/names/kind").asText())) {
      return;
    }
    JsonNode version = root.at("/spec/versions/0");
    List<String> columns = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText() + ":" + c.path("priority").asInt(0)
        + ":" + c.path("jsonPath").asText()));
    assertThat(columns).contains(
        "READY:0:.status.conditions[?(@.type==\"Ready\")].status",
        "DEGRADED:1:.status.conditions[?(@.type==\"Degraded\")].status",
        "REGRESSED:1:.status.conditions[?(@.type==\"Regressed\")].status");
    JsonNode spec = version.at("/schema/openAPIV3Schema/properties/spec");
    assertThat(spec.path("required")).extracting(JsonNode::asText).contains("targetLevel", "workload");
    assertThat(spec.at("/properties/targetLevel/minimum").asInt()).isZero();
    assertThat(spec.at("/properties/targetLevel/maximum").isNumber()).as("targetLevel has an upper bound in the schema").isTrue();
    assertThat(spec.at("/properties/workload/properties/selector/properties/matchExpressions/items/properties/operator/enum"))
        .extracting(JsonNode::asText).containsExactlyInAnyOrder("In", "NotIn", "Exists", "DoesNotExist");
  }

  private static JsonNode schema(Path crd) throws IOException {
    return YAML.readTree(crd.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
  }

  private static void walk(JsonNode node, String path, List<String> undescribed) {
    node.path("properties").fields().forEachRemaining(e -> {
      String p = path + "." + e.getKey();
      // a kind without status (MaturityException) still gets an empty `status: {type: object}` from the generator
      boolean emptyStatus = ".status".equals(p) && !e.getValue().has("properties");
      if (!List.of(".apiVersion", ".kind", ".metadata").contains(p) && !emptyStatus && e.getValue().path("description").asText().isBlank()) {
        undescribed.add(p);
      }
      walk(e.getValue(), p, undescribed);
      walk(e.getValue().path("items"), p + "[]", undescribed);
    });
  }
}
