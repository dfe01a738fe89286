package dev.mlops.maturity.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanReaderTest {
  @TempDir
  Path dir;
  final PlanReader reader = new PlanReader("team-a");

  @Test
  void readsEveryYamlFileBelowTheDirectoryInPathOrder() throws Exception {
    Files.createDirectories(dir.resolve("overlays/prod"));
    Files.writeString(dir.resolve("b.yml"), "apiVersion: v1\nkind: Service\nmetadata: {name: b}\n");
    Files.writeString(dir.resolve("overlays/prod/a.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: a, namespace: prod}
        ---
        # a comment-only document
        ---
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}
        """);
    Files.writeString(dir.resolve("README.md"), "not a manifest");

    Plan plan = reader.read(dir);

    assertThat(plan.objects()).extracting(PlannedObject::describe)
        .containsExactly("apply Service team-a/b", "apply Deployment prod/a", "apply ConfigMap c");
  }

  @Test
  void namespacedKindsGetTheDefaultNamespaceAndClusterScopedOnesLoseIt() throws Exception {
    Plan plan = reader.read(Files.writeString(dir.resolve("p.yaml"), """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly}
        ---
        apiVersion: karpenter.sh/v1
        kind: NodePool
        metadata: {name: spot, namespace: ignored}
        """));
    assertThat(plan.objects()).extracting(PlannedObject::namespace).containsExactly("team-a", null);
    assertThat(plan.clusterWide()).isTrue();
    assertThat(plan.namespaces()).containsExactly("team-a");
  }

  @Test
  void theDeleteAnnotationMarksADeleteAndOtherValuesAreRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("p.yaml"), """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly, annotations: {maturity.mlops.dev/plan: delete}}
        """);
    assertThat(reader.read(file).objects().get(0).delete()).isTrue();

    Files.writeString(file, """
        apiVersion: v1
        kind: Service
        metadata: {name: ok}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly, annotations: {maturity.mlops.dev/plan: remove}}
        """);
    assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("p.yaml document 2").hasMessageContaining("must be 'delete', got 'remove'");
  }

  @Test
  void badDocumentsNameFileAndDocument() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nkind: Service\nmetadata: {name: b}\n");
    assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("p.yaml document 2 has no apiVersion");
    Files.writeString(file, "- just\n- a list\n");
    assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("p.yaml document 1 is not a Kubernetes object");
    Files.writeString(file, """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: t, labels: [not, a, map]}
        spec: {targetLevel: 1}
        """);
    assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("p.yaml document 1 is not a valid Kubernetes object");
    Files.writeString(file, "# only comments\n");
    assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("holds no Kubernetes object");
  }

  @Test
  void aStreamIsReadAsOneFile() throws Exception {
    var in = new java.io.ByteArrayInputStream("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nkind: Service\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> reader.read(in, "<stdin>")).hasMessageContaining("<stdin> document 2 has no apiVersion");
    var ok = new java.io.ByteArrayInputStream("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(reader.read(ok, "<stdin>").objects()).extracting(PlannedObject::describe).containsExactly("apply Service team-a/a");
  }
}
