package dev.mlops.maturity.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every custom model shipped under examples/models/ is a usable MaturityModel. */
class ExampleModelsTest {
  static final Path EXAMPLES = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
      .resolve("examples/models");

  static List<Path> exampleModels() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  static MaturityModel resource(Path file) throws IOException {
    return Serialization.unmarshal(Files.readString(file), MaturityModel.class);
  }

  @Test
  void thereIsAtLeastOneExample() throws IOException {
    assertThat(exampleModels()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("exampleModels")
  void exampleLoadsThroughTheModelReader(Path file) throws Exception {
    MaturityModel resource = resource(file);

    MaturityModelDefinition model = ModelReader.read(resource);

    assertThat(resource.getApiVersion()).isEqualTo("maturity.mlops.dev/v1alpha1");
    assertThat(resource.getKind()).isEqualTo("MaturityModel");
    assertThat(file.getFileName().toString()).isEqualTo(model.id() + ".yaml");
    assertThat(BuiltInModels.IDS).as("a custom model must not shadow a built-in").doesNotContain(model.id());
    assertThat(model.topLevel()).isPositive();
  }

  @Test
  void startupModelIsTheDocumentedCopyOfMlopsFiveLevel() throws Exception {
    MaturityModelDefinition m = ModelReader.read(resource(EXAMPLES.resolve("startup-3-level.yaml")));

    assertThat(m.levels()).extracting(Level::name).containsExactly("Manual", "Managed", "Automated");
    assertThat(m.level(1).requires()).extracting(Requirement::describe)
        .containsExactly("model-registry", "model-versioning", "health-monitoring", "manual-retraining-documented");
    assertThat(m.level(2).requires()).extracting(Requirement::describe).containsExactly("training-pipeline",
        "anyOf(scheduled-retraining|drift-triggered-retraining|performance-triggered-retraining)", "quality-gate");
    assertThat(m.level(2).recommends()).extracting(Requirement::describe).containsExactly("cicd-deployment", "alerting");
  }
}
