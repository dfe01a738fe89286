package dev.mlops.maturity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A custom MaturityModel is checked before use; every mistake is named. */
class ModelReaderTest {

  private static MaturityModel parse(String levelsYaml, String acceptDeclared) {
    String yaml = """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityModel
        metadata:
          name: acme-3-level
        spec:
          description: "test model"
          acceptDeclared: %s
          levels:
        %s""".formatted(acceptDeclared, levelsYaml.indent(2));
    return Serialization.unmarshal(yaml, MaturityModel.class);
  }

  private static MaturityModelDefinition read(String levelsYaml) throws InvalidModelException {
    return ModelReader.read(parse(levelsYaml, "[]"));
  }

  private static List<String> problems(String levelsYaml, String acceptDeclared) {
    InvalidModelException e = catchThrowableOfType(InvalidModelException.class,
        () -> ModelReader.read(parse(levelsYaml, acceptDeclared)));
    assertThat(e).as("the model should be rejected").isNotNull();
    assertThat(e.getMessage()).startsWith("maturity model 'acme-3-level' is invalid: ");
    return e.problems();
  }

  private static List<String> problems(String levelsYaml) {
    return problems(levelsYaml, "[]");
  }

  private static final String LEVEL_0 = """
      - level: 0
        name: Ad hoc
      """;

  @Test
  void readsAValidModel() throws InvalidModelException {
    MaturityModelDefinition m = ModelReader.read(parse(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires:
          - capability: model-registry
          - capability: manual-retraining-documented
          recommends:
          - capability: alerting
        - level: 2
          name: Automated
          requires:
          - anyOf: [scheduled-retraining, drift-triggered-retraining]
        """, "[manual-retraining-documented]"));

    assertThat(m.id()).isEqualTo("acme-3-level");
    assertThat(m.topLevel()).isEqualTo(2);
    assertThat(m.level(1).requires()).extracting(Requirement::describe)
        .containsExactly("model-registry", "manual-retraining-documented");
    assertThat(m.level(2).requires()).extracting(Requirement::describe)
        .containsExactly("anyOf(scheduled-retraining|drift-triggered-retraining)");
    assertThat(m.level(1).recommends()).extracting(Requirement::describe).containsExactly("alerting");
    assertThat(m.acceptsDeclared("manual-retraining-documented")).isTrue();
    assertThat(m.capabilities()).containsExactly("model-registry", "manual-retraining-documented", "alerting",
        "scheduled-retraining", "drift-triggered-retraining");
  }

  @Test
  void levelsMayBeListedInAnyOrder() throws InvalidModelException {
    MaturityModelDefinition m = read("""
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}]
        """ + LEVEL_0);

    assertThat(m.levels()).extracting(Level::number).containsExactly(0, 1);
  }

  @Test
  void rejectsAGapInLevels() {
    assertThat(problems(LEVEL_0 + """
        - level: 2
          name: Automated
          requires: [{capability: training-pipeline}]
        """)).containsExactly(
            "gap in levels: level 1 is missing (levels must run 0, 1, 2, ... without gaps)");
  }

  @Test
  void rejectsAModelWithoutLevelZero() {
    assertThat(problems("""
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}]
        """)).containsExactly(
            "gap in levels: level 0 is missing (levels must run 0, 1, 2, ... without gaps)");
  }

  @Test
  void rejectsADuplicateLevelWithoutCallingItAGap() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}]
        - level: 1
          name: Tracked again
          requires: [{capability: experiment-tracking}]
        """)).containsExactly("duplicate level: level 1 is defined twice");
  }

  @Test
  void rejectsALevelOutOfRange() {
    assertThat(problems(LEVEL_0 + """
        - level: 11
          name: Beyond
          requires: [{capability: model-registry}]
        """)).contains("level 11 is out of range: levels are numbered 0..10");
  }

  @Test
  void rejectsAnUnknownCapabilityInRequires() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registy}]
        """)).containsExactly("level 1 requires names unknown capability 'model-registy'");
  }

  @Test
  void rejectsAnUnknownCapabilityInsideAnyOf() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{anyOf: [model-registry, notebook-export]}]
        """)).containsExactly("level 1 requires names unknown capability 'notebook-export'");
  }

  @Test
  void rejectsAnUnknownCapabilityInRecommends() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}]
          recommends: [{capability: vibes}]
        """)).containsExactly("level 1 recommends names unknown capability 'vibes'");
  }

  @Test
  void rejectsAnUnknownCapabilityInAcceptDeclared() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}]
        """, "[good-intentions]")).containsExactly("acceptDeclared names unknown capability 'good-intentions'");
  }

  @Test
  void rejectsAnEmptyLevelAboveZero() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
        """)).containsExactly("level 1 is empty: every level above 0 must require at least one capability");
  }

  @Test
  void rejectsLevelZeroRequiringSomething() {
    assertThat(problems("""
        - level: 0
          name: Ad hoc
          requires: [{capability: model-registry}]
        """)).containsExactly("level 0 must require nothing: every workload is at least level 0");
  }

  @Test
  void rejectsACapabilityRequiredAtTwoLevels() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}]
        - level: 2
          name: Automated
          requires: [{capability: training-pipeline}, {capability: model-registry}]
        """)).containsExactly("capability 'model-registry' is required twice (at level 1 and again at level 2): "
            + "require it once, at the lowest level that needs it");
  }

  @Test
  void rejectsACapabilityRequiredTwiceInOneLevel() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}, {capability: model-registry}]
        """)).singleElement().asString().contains("'model-registry' is required twice (at level 1 and again at level 1)");
  }

  @Test
  void rejectsAnAnyOfNamingACapabilityTwice() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{anyOf: [scheduled-retraining, scheduled-retraining, drift-triggered-retraining]}]
        """)).singleElement().asString().contains("names a capability twice");
  }

  @Test
  void rejectsAnAnyOfWithOneDistinctMember() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{anyOf: [model-registry, model-registry]}]
        """)).containsExactly("level 1 requires: anyOf needs at least two distinct capabilities");
  }

  @Test
  void rejectsARequirementWithBothCapabilityAndAnyOf() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registry, anyOf: [alerting, health-monitoring]}]
        """)).containsExactly("level 1 requires: set exactly one of capability or anyOf");
  }

  @Test
  void rejectsADeclaredOnlyCapabilityRequiredWithoutAcceptDeclared() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registry}, {capability: app-ci}]
        """)).containsExactly("level 1 requires declared-only capability 'app-ci' but acceptDeclared does not list it, "
            + "so the level could never be reached");
  }

  @Test
  void acceptsADeclaredOnlyCapabilityListedInAcceptDeclared() throws InvalidModelException {
    MaturityModelDefinition m = ModelReader.read(parse(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: app-ci}]
        """, "[app-ci]"));

    assertThat(m.acceptsDeclared("app-ci")).isTrue();
  }

  @Test
  void rejectsALevelWithoutName() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          requires: [{capability: model-registry}]
        """)).containsExactly("level 1 has no name");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(problems(LEVEL_0 + """
        - level: 1
          name: Tracked
          requires: [{capability: model-registy}]
        - level: 3
          name: Far
          requires: [{capability: app-ci}]
        """)).hasSize(3);
  }

  @Test
  void rejectsAModelWithoutLevels() {
    MaturityModel resource = parse(LEVEL_0, "[]");
    resource.getSpec().levels = List.of();

    assertThatThrownBy(() -> ModelReader.read(resource)).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("spec.levels is empty");
  }

  @Test
  void rejectsAModelWithoutName() {
    MaturityModel resource = parse(LEVEL_0, "[]");
    resource.getMetadata().setName(null);

    assertThatThrownBy(() -> ModelReader.read(resource)).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("metadata.name is required");
  }
}
