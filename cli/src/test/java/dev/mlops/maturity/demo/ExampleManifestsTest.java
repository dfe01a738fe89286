package dev.mlops.maturity.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Examples a real API server accepts: no manifest under examples/ carries status (examples/demo/status holds
 * it, see examples/README.md), every status entry names an object of the demo cluster, and the demo writes it.
 */
@EnableKubernetesMockClient(crud = true)
class ExampleManifestsTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  static final Path EXAMPLES = ROOT.resolve("examples");
  static final Path STATUS = EXAMPLES.resolve("demo/status");
  KubernetesClient client;
  @TempDir
  Path dir;

  private static List<Path> yamlFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @Test
  void noKubernetesManifestUnderExamplesCarriesStatus() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> manifests = new ArrayList<>();
    for (Path file : yamlFiles(EXAMPLES)) {
      if (file.startsWith(STATUS)) {
        continue;
      }
      for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
        Map<?, ?> object = yaml.readValue(doc.isBlank() ? "{}" : doc, Map.class);
        if (object != null && object.containsKey("apiVersion") && object.containsKey("kind")) {
          manifests.add(EXAMPLES.relativize(file) + " " + object.get("kind"));
          assertThat(object.containsKey("status")).as(EXAMPLES.relativize(file) + ": " + object.get("kind") + " "
              + ((Map<?, ?>) object.get("metadata")).get("name") + " carries status; it belongs in examples/demo/status").isFalse();
        }
      }
    }
    assertThat(manifests).as("the walk found the demo cluster and the custom model").hasSizeGreaterThan(40)
        .anyMatch(m -> m.startsWith("models/")).anyMatch(m -> m.startsWith("demo/cluster/"));
  }

  @Test
  void everyStatusEntryNamesOneObjectOfTheDemoClusterAndHoldsOnlyItsStatus() throws IOException {
    Set<String> objects = DemoCluster.documents(EXAMPLES.resolve("demo/cluster")).stream().map(DemoStatus::key).collect(Collectors.toSet());
    List<GenericKubernetesResource> entries = DemoCluster.documents(STATUS);

    assertThat(entries).hasSize(19);
    for (GenericKubernetesResource entry : entries) {
      assertThat(objects).as("status entry " + DemoStatus.key(entry)).contains(DemoStatus.key(entry));
      assertThat(entry.getAdditionalProperties().keySet()).as(DemoStatus.key(entry)).containsExactly("status");
      assertThat(entry.getMetadata().getLabels()).isNullOrEmpty();
    }
    assertThat(entries.stream().map(DemoStatus::key)).doesNotHaveDuplicates();
  }

  @Test
  void theDemoWritesTheStatusThroughTheStatusSubresource() throws IOException {
    DemoCluster.applyCrds(client, ROOT.resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(client, crd));
    DemoCluster.apply(client, DemoCluster.read(EXAMPLES.resolve("demo/cluster")));

    assertThat(client.nodes().withName("gpu-node-1").get().getStatus().getAllocatable()).containsKey("nvidia.com/gpu");
    GenericKubernetesResource workflow = client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow").inNamespace("fraud")
        .withName("fraud-detector-nightly-1763773200").get();
    assertThat(workflow.getAdditionalProperties().get("status")).asString().contains("phase=Succeeded");
  }

  @Test
  void aStatusEntryWithoutItsObjectIsAnErrorNamingIt() throws IOException {
    Files.createDirectories(dir.resolve("cluster"));
    Files.createDirectories(dir.resolve("status"));
    Files.writeString(dir.resolve("cluster/a.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: gpu-node-1}\n");
    Files.writeString(dir.resolve("status/a.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: gpu-node-2}\nstatus: {phase: Running}\n");

    assertThatThrownBy(() -> DemoCluster.read(dir.resolve("cluster"))).isInstanceOf(IOException.class)
        .hasMessage("the status entry v1/Node//gpu-node-2 matches no object of the demo cluster");
  }
}
