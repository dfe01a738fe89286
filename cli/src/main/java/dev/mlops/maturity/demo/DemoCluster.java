package dev.mlops.maturity.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads YAML manifests (CRDs first, then everything else, MaturityTargets last) into an API server. */
public final class DemoCluster {
  /** Demo data the operator writes on a real cluster (its promotion ledgers), beside {@code cluster/}. */
  static final String HISTORY = "history";

  private DemoCluster() {}

  /**
   * Every document of every .yaml/.yml file below {@code dir}, in file-name order. For the demo's {@code cluster}
   * directory the objects also carry the status that the sibling {@code status} directory holds for them
   * (DemoStatus), which {@link #apply} writes through the status subresource, and the sibling {@code history}
   * directory adds what the operator itself would have recorded before the demo started (MaturityLedgers).
   */
  public static List<GenericKubernetesResource> read(Path dir) throws IOException {
    List<GenericKubernetesResource> objects = documents(dir);
    Path status = dir.resolveSibling(DemoStatus.DIRECTORY);
    boolean demoCluster = "cluster".equals(String.valueOf(dir.getFileName()).replace("/", ""));
    if (demoCluster && Files.isDirectory(status)) {
      DemoStatus.attach(objects, documents(status));
    }
    Path history = dir.resolveSibling(HISTORY);
    if (demoCluster && Files.isDirectory(history)) {
      objects.addAll(documents(history));
    }
    return objects;
  }

  /** The documents of the .yaml/.yml files below {@code dir}, as they are. */
  static List<GenericKubernetesResource> documents(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (Path f : files) {
      for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
        if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
          continue;
        }
        out.add(Serialization.unmarshal(doc, GenericKubernetesResource.class));
      }
    }
    return out;
  }

  public static void applyCrds(KubernetesClient client, Path crdDir) throws IOException {
    for (GenericKubernetesResource r : read(crdDir)) {
      applyCrd(client, Serialization.unmarshal(Serialization.asJson(r), CustomResourceDefinition.class));
    }
  }

  public static void applyCrd(KubernetesClient client, CustomResourceDefinition crd) {
    client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(existing -> existing.update());
  }

  /** Creates the objects, MaturityTargets last so the operator sees a complete cluster on its first pass. */
  public static void apply(KubernetesClient client, List<GenericKubernetesResource> objects) {
    List<GenericKubernetesResource> targets = objects.stream().filter(DemoCluster::isTarget).toList();
    objects.stream().filter(o -> !isTarget(o)).forEach(o -> create(client, o));
    targets.forEach(o -> create(client, o));
  }

  public static boolean isTarget(HasMetadata o) {
    return "MaturityTarget".equals(o.getKind());
  }

  /**
   * Creates the object, then writes its status through the status subresource, as the owning
   * controller would: an API server ignores status on create when the kind has that subresource.
   */
  private static void create(KubernetesClient client, GenericKubernetesResource o) {
    GenericKubernetesResource created = client.resource(o).createOr(existing -> existing.update());
    Object status = o.getAdditionalProperties().get("status");
    if (status != null && !status.equals(created.getAdditionalProperties().get("status"))) {
      created.getAdditionalProperties().put("status", status);
      client.resource(created).updateStatus();
    }
  }
}
