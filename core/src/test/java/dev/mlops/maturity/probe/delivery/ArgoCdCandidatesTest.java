package dev.mlops.maturity.probe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded property: the pre-filter never skips an Application that lists or tracks one of the objects. */
class ArgoCdCandidatesTest {
  private static final String[] NAMES = {"fraud", "churn", "fraud-api", "search"};
  private static final String[] NAMESPACES = {"team-a", "team-b", "argocd"};

  static Stream<Long> seeds() {
    return LongStream.range(0, 300).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void anApplicationThatDeliversAnObjectIsNeverSkipped(long seed) {
    Random r = new Random(seed);
    List<GenericKubernetesResource> serving = new ArrayList<>();
    for (int i = 0; i < 1 + r.nextInt(3); i++) {
      serving.add(object(r));
    }
    ArgoCdCandidates candidates = ArgoCdCandidates.of(serving);
    int delivering = 0;
    for (int i = 0; i < 6; i++) {
      GenericKubernetesResource app = application(r);
      boolean delivers = serving.stream()
          .anyMatch(o -> ArgoCdApplications.listsResource(app, o) || ArgoCdApplications.tracking(app, o).isPresent());
      if (delivers) {
        delivering++;
        assertThat(candidates.mayDeliver(app)).as("seed %d: %s", seed, app).isTrue();
      }
    }
    if (seed == 0) {
      assertThat(delivering).as("the generator produces delivering applications").isPositive();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void anApplicationOfAnotherNamespaceWithoutTrackingIsSkipped(long seed) {
    Random r = new Random(seed);
    GenericKubernetesResource object = resource("apps/v1", "Deployment", "team-a", pick(r, NAMES), Map.of(), Map.of());
    GenericKubernetesResource app = resource("argoproj.io/v1alpha1", "Application", "argocd", "other-" + seed, Map.of(), Map.of());
    app.setAdditionalProperty("status", Map.of("resources", List.of(Map.of("kind", "Deployment", "namespace", "team-b",
        "name", object.getMetadata().getName(), "group", "apps"))));

    assertThat(ArgoCdCandidates.of(List.of(object)).mayDeliver(app)).isFalse();
  }

  private static GenericKubernetesResource object(Random r) {
    Map<String, String> labels = new HashMap<>();
    Map<String, String> annotations = new HashMap<>();
    String ns = pick(r, NAMESPACES);
    String name = pick(r, NAMES);
    if (r.nextBoolean()) {
      labels.put(ArgoCdApplications.INSTANCE_LABEL, pick(r, NAMES));
    }
    if (r.nextBoolean()) {
      String app = (r.nextBoolean() ? "argocd_" : "") + pick(r, NAMES);
      annotations.put(ArgoCdApplications.TRACKING_ID, app + ":apps/Deployment:" + ns + "/" + name);
    }
    return resource("apps/v1", "Deployment", ns, name, labels, annotations);
  }

  private static GenericKubernetesResource application(Random r) {
    GenericKubernetesResource app = resource("argoproj.io/v1alpha1", "Application", pick(r, NAMESPACES), pick(r, NAMES), Map.of(), Map.of());
    List<Map<String, Object>> resources = new ArrayList<>();
    for (int i = 0; i < r.nextInt(3); i++) {
      resources.add(Map.of("kind", "Deployment", "group", "apps", "namespace", pick(r, NAMESPACES), "name", pick(r, NAMES)));
    }
    app.setAdditionalProperty("spec", Map.of("destination", Map.of("namespace", pick(r, NAMESPACES))));
    app.setAdditionalProperty("status", Map.of("resources", resources));
    return app;
  }

  private static GenericKubernetesResource resource(String apiVersion, String kind, String ns, String name, Map<String, String> labels,
      Map<String, String> annotations) {
    GenericKubernetesResource g = new GenericKubernetesResource();
    g.setApiVersion(apiVersion);
    g.setKind(kind);
    g.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withLabels(labels).withAnnotations(annotations).build());
    return g;
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
