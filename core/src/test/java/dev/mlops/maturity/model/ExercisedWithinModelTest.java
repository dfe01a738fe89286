package dev.mlops.maturity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The model loader reads a requirement's exercisedWithin, and rejects a bad one naming the level and capability. */
class ExercisedWithinModelTest {
  static MaturityModel model(String requirement, String acceptDeclared) {
    return Serialization.unmarshal("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityModel
        metadata: {name: exercised-model}
        spec:
          acceptDeclared: %s
          levels:
          - {level: 0, name: None}
          - level: 1
            name: Registered
            requires:
            - capability: model-registry
          - level: 2
            name: Retrained
            requires:
        %s""".formatted(acceptDeclared, requirement.indent(4)), MaturityModel.class);
  }

  static List<String> problems(String requirement, String acceptDeclared) {
    InvalidModelException e = catchThrowableOfType(InvalidModelException.class, () -> ModelReader.read(model(requirement, acceptDeclared)));
    assertThat(e).as("the model should be rejected").isNotNull();
    return e.problems();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"14d, PT336H", "36h, PT36H", "1d12h, PT36H", "90m, PT1H30M", "1h30m, PT1H30M", "45s, PT45S"})
  void readsTheWindow(String text, Duration expected) throws Exception {
    MaturityModelDefinition m = ModelReader.read(model("- capability: training-pipeline\n  exercisedWithin: " + text, "[]"));

    assertThat(m.level(2).requires().get(0).exercisedWithin()).isEqualTo(expected);
    assertThat(m.level(1).requires().get(0).exercisedWithin()).isNull();
    assertThat(m.exerciseWindows()).containsExactly(java.util.Map.entry("training-pipeline", expected));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"0d", "0h0m", "14days", "-1d", "2w", "1.5d", "d", "99999999d", "3661d", "14 d"})
  void rejectsAWindowThatIsNotAPositiveDurationNamingLevelAndCapability(String text) {
    assertThat(problems("- capability: training-pipeline\n  exercisedWithin: \"" + text + "\"", "[]")).singleElement().asString()
        .startsWith("level 2 requires training-pipeline: exercisedWithin '" + text + "' is not a positive duration")
        .contains("14d");
  }

  @Test
  void rejectsAWindowOnACapabilityWhoseProbeRecordsNoRuns() {
    assertThat(problems("- anyOf: [training-pipeline, alerting]\n  exercisedWithin: 14d", "[]")).singleElement().asString()
        .startsWith("level 2 requires anyOf(training-pipeline|alerting): exercisedWithin cannot apply to 'alerting'")
        .contains("training-pipeline");
  }

  @Test
  void rejectsAWindowOnADeclaredCapability() {
    assertThat(problems("- capability: model-versioning\n  exercisedWithin: 30d", "[model-versioning]")).singleElement().asString()
        .contains("exercisedWithin on 'model-versioning' contradicts acceptDeclared");
  }

  @Test
  void theShortestWindowOfACapabilityWins() throws Exception {
    MaturityModelDefinition m = ModelReader.read(model("""
        - anyOf: [scheduled-retraining, drift-triggered-retraining]
        - capability: drift-monitoring
          exercisedWithin: 2d
        recommends:
        - capability: drift-triggered-retraining
          exercisedWithin: 1d
        - capability: canary-deployment
          exercisedWithin: 7d
        """, "[]"));

    assertThat(m.exerciseWindows()).containsEntry("drift-monitoring", Duration.ofDays(2))
        .containsEntry("drift-triggered-retraining", Duration.ofDays(1)).containsEntry("canary-deployment", Duration.ofDays(7))
        .doesNotContainKey("scheduled-retraining");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PT336H, 14d", "PT36H, 1d12h", "PT1H30M, 1h30m", "PT45S, 45s"})
  void formatsTheWindowBackToWhatParsesToIt(Duration window, String text) {
    assertThat(ExerciseWindow.format(window)).isEqualTo(text);
    assertThat(ExerciseWindow.parse(text)).contains(window);
  }
}
