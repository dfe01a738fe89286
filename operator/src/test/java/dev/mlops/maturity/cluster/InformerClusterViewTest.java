package dev.mlops.maturity.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InformerClusterViewTest {
  private KubernetesMockServer server;
  private KubernetesClient client;
  private InformerClusterView view;
  private final List<ClusterChange> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = MockApiServer.start();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    if (view != null) {
      view.close();
    }
    client.close();
    server.destroy();
  }

  private void startView(List<String> namespaces) {
    view = new InformerClusterView(client, List.of(KindCatalogue.DEPLOYMENT, KindCatalogue.CRON_WORKFLOW), namespaces, changes::add);
    view.start(Duration.ofSeconds(10));
  }

  private void deployment(String ns, String name, Map<String, String> annotations) {
    client.resource(new DeploymentBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(Map.of("app", name))
        .withAnnotations(annotations).endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("app", name)).endSelector().endSpec().build()).create();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"500, limit=500", "0, "})
  void informersListInPagesLikeClientGo(long pageSize, String expectedLimit) throws Exception {
    deployment("team-a", "web", Map.of());
    view = new InformerClusterView(client, List.of(KindCatalogue.DEPLOYMENT, KindCatalogue.CRON_WORKFLOW), List.of(), changes::add,
        CacheOptions.DEFAULTS.withListPageSize(pageSize));
    view.start(Duration.ofSeconds(10));

    List<String> lists = new java.util.ArrayList<>();
    io.fabric8.mockwebserver.http.RecordedRequest r;
    while ((r = server.takeRequest(200, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
      if ("GET".equals(r.getMethod()) && !r.getPath().contains("watch=") && (r.getPath().contains("/deployments")
          || r.getPath().contains("/customresourcedefinitions"))) {
        lists.add(r.getPath());
      }
    }
    assertThat(lists).as("the deployments' and the CRDs' initial LISTs").hasSizeGreaterThanOrEqualTo(2)
        .anyMatch(p -> p.contains("/deployments")).anyMatch(p -> p.contains("/customresourcedefinitions"));
    if (expectedLimit == null) {
      assertThat(lists).noneMatch(p -> p.contains("limit="));
    } else {
      assertThat(lists).allMatch(p -> p.contains(expectedLimit));
    }
    assertThat(CacheOptions.DEFAULTS.listPageSize()).isEqualTo(500);
  }

  @Test
  void listsFromTheCacheByNamespaceWithoutTheLastAppliedCopy() {
    deployment("team-a", "web", Map.of(PrunedItemStore.LAST_APPLIED, "{\"huge\":true}", "keep", "me"));
    deployment("team-b", "other", Map.of());
    startView(List.of());

    Listing listing = view.list(KindCatalogue.DEPLOYMENT, "team-a");

    assertThat(view.synced()).isTrue();
    assertThat(listing.served()).isTrue();
    assertThat(listing.items()).singleElement().satisfies(d -> {
      assertThat(d.getMetadata().getName()).isEqualTo("web");
      assertThat(d.getMetadata().getAnnotations()).containsOnlyKeys("keep");
    });
    assertThat(view.list(KindCatalogue.DEPLOYMENT, null).items()).hasSize(2);
  }

  @Test
  void closingReleasesTheCachedObjectsEvenWhenTheWatchConnectionsLinger() {
    for (int i = 0; i < 20; i++) {
      deployment("team-a", "web-" + i, Map.of());
    }
    List<java.lang.ref.WeakReference<GenericKubernetesResource>> cached;
    // its own client, closed right after the view: the watches' close handshakes never finish, so the
    // HTTP client's selector thread keeps the stopped informers reachable
    try (KubernetesClient own = server.createClient();
        InformerClusterView closing = new InformerClusterView(own, List.of(KindCatalogue.DEPLOYMENT), List.of(), changes::add)) {
      closing.start(Duration.ofSeconds(10));
      cached = closing.list(KindCatalogue.DEPLOYMENT, null).items().stream().map(java.lang.ref.WeakReference::new).toList();
    }
    assertThat(cached).hasSize(20);

    // at once, not when the connections finally time out (about 40 s later here)
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
      System.gc();
      return cached.stream().allMatch(r -> r.get() == null);
    });
  }

  @Test
  void changesReportTheNamespaceAndLabelsBeforeAndAfter() {
    startView(List.of());
    deployment("team-a", "web", Map.of());

    await().atMost(Duration.ofSeconds(5)).until(() -> changes.stream().anyMatch(c -> "team-a".equals(c.namespace())));
    ClusterChange change = changes.stream().filter(c -> "team-a".equals(c.namespace())).findFirst().orElseThrow();
    assertThat(change.kind()).isEqualTo(KindCatalogue.DEPLOYMENT);
    assertThat(change.labels()).containsEntry("app", "web");
    assertThat(change.clusterWide()).isFalse();
    assertThat(view.list(KindCatalogue.DEPLOYMENT, "team-a").items()).hasSize(1);
  }

  @Test
  void anOptionalKindIsNotInstalledUntilItsCrdAppearsAndAgainAfterItIsDeleted() {
    startView(List.of());
    assertThat(view.list(KindCatalogue.CRON_WORKFLOW, "team-a").availability()).isEqualTo(Availability.NOT_INSTALLED);

    client.resource(MockApiServer.cronWorkflowCrd()).create();
    client.resource(new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind("CronWorkflow")
        .withNewMetadata().withNamespace("team-a").withName("retrain").endMetadata().build()).create();

    await().atMost(Duration.ofSeconds(5)).until(() -> view.list(KindCatalogue.CRON_WORKFLOW, "team-a").items().size() == 1);
    assertThat(changes).anySatisfy(c -> assertThat(c.kind()).isEqualTo(KindCatalogue.CRON_WORKFLOW));

    client.apiextensions().v1().customResourceDefinitions().withName("cronworkflows.argoproj.io").delete();

    await().atMost(Duration.ofSeconds(5))
        .until(() -> view.list(KindCatalogue.CRON_WORKFLOW, "team-a").availability() == Availability.NOT_INSTALLED);
    assertThat(changes).anySatisfy(c -> {
      assertThat(c.kind()).isEqualTo(KindCatalogue.CRON_WORKFLOW);
      assertThat(c.wholeKindChanged()).isTrue();
    });
    assertThat(view.list(KindCatalogue.DEPLOYMENT, null).served()).isTrue();
  }

  @Test
  void aForbiddenKindReadsAsForbiddenAndTheOthersStillWork() {
    server.expect().get().withPath("/apis/apps/v1/deployments?resourceVersion=0").andReturn(403, "{}").always();
    // the informers' first LIST is paged (limit=500, and then without resourceVersion=0)
    server.expect().get().withPath("/apis/apps/v1/deployments?limit=500").andReturn(403, "{}").always();
    view = new InformerClusterView(client, List.of(KindCatalogue.DEPLOYMENT, KindCatalogue.CRON_JOB), List.of(), changes::add);
    view.start(Duration.ofSeconds(2));

    assertThat(view.list(KindCatalogue.DEPLOYMENT, "team-a").availability()).isEqualTo(Availability.FORBIDDEN);
    assertThat(view.list(KindCatalogue.CRON_JOB, "team-a").served()).isTrue();
  }

  @Test
  void restrictedToNamespacesItWatchesOnlyThose() {
    deployment("team-a", "web", Map.of());
    deployment("team-b", "other", Map.of());
    startView(List.of("team-a"));

    assertThat(view.list(KindCatalogue.DEPLOYMENT, null).items()).extracting(d -> d.getMetadata().getName()).containsExactly("web");
  }

  @Test
  void pruningKeepsWhoWroteButDropsFieldSets() {
    ManagedFieldsEntry entry = new ManagedFieldsEntryBuilder().withManager("argocd-controller").withOperation("Apply")
        .withTime("2026-01-01T00:00:00Z").withNewFieldsV1().addToAdditionalProperties("f:spec", Map.of()).endFieldsV1().build();
    GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("ConfigMap")
        .withNewMetadata().withName("x").withManagedFields(entry)
        .withAnnotations(new java.util.HashMap<>(Map.of(PrunedItemStore.LAST_APPLIED, "{}"))).endMetadata().build();

    PrunedItemStore.prune(r);

    assertThat(r.getMetadata().getAnnotations()).isNull();
    assertThat(r.getMetadata().getManagedFields()).singleElement().satisfies(m -> {
      assertThat(m.getManager()).isEqualTo("argocd-controller");
      assertThat(m.getTime()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(m.getFieldsV1()).isNull();
    });
  }

  @Test
  void pruningKeepsTheSubresourceSoAControllersStatusWriteIsNotTakenForASpecChange() {
    // KServe's controller writes InferenceService status through the status subresource after Argo CD applied the spec
    ManagedFieldsEntry spec = new ManagedFieldsEntryBuilder().withManager("argocd-controller").withOperation("Apply")
        .withTime("2026-11-20T10:00:00Z").build();
    ManagedFieldsEntry status = new ManagedFieldsEntryBuilder().withManager("manager").withOperation("Update").withSubresource("status")
        .withTime("2026-11-20T10:05:00Z").build();
    GenericKubernetesResource isvc = new GenericKubernetesResourceBuilder().withApiVersion("serving.kserve.io/v1beta1")
        .withKind("InferenceService").withNewMetadata().withName("fraud").withManagedFields(spec, status).endMetadata().build();

    PrunedItemStore.prune(isvc);

    assertThat(isvc.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getSubresource).containsExactly(null, "status");
    assertThat(dev.mlops.maturity.probe.delivery.LastWriter.of(isvc, dev.mlops.maturity.probe.delivery.LastWriter.DEFAULT_AUTOMATION))
        .hasValueSatisfying(w -> assertThat(w.manager()).isEqualTo("argocd-controller"));
  }
}
