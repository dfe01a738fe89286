package dev.mlops.maturity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bench's API server answers limit/continue (chunked LISTs) and resumes watches like the API server; the Fabric8 mock does neither. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkedListTest {
  private ApiServer api;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    api = ApiServer.start();
    client = api.newClient();
    IntStream.range(0, 23).forEach(i -> client.resource(configMap("paged", String.format("cm-%02d", i))).create());
  }

  @AfterAll
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void pagesAreAtMostTheLimitCarryAContinueTokenAndAddUpToTheWholeList() {
    List<String> whole = names(client.configMaps().inNamespace("paged").list());
    List<String> paged = new ArrayList<>();
    String token = null;
    List<Long> remaining = new ArrayList<>();
    do {
      ConfigMapList page = client.configMaps().inNamespace("paged").list(new ListOptionsBuilder().withLimit(10L).withContinue(token).build());
      assertThat(page.getItems()).hasSizeLessThanOrEqualTo(10);
      paged.addAll(names(page));
      token = page.getMetadata().getContinue();
      remaining.add(page.getMetadata().getRemainingItemCount());
    } while (token != null && !token.isEmpty());
    assertThat(whole).hasSize(23);
    assertThat(paged).containsExactlyElementsOf(whole);
    assertThat(remaining).containsExactly(13L, 3L, null);
  }

  @Test
  void laterPagesComeFromTheFirstPagesSnapshot() {
    ConfigMapList first = client.configMaps().inNamespace("paged").list(new ListOptionsBuilder().withLimit(20L).build());
    client.resource(configMap("paged", "zz-after-first-page")).create();
    ConfigMapList second = client.configMaps().inNamespace("paged")
        .list(new ListOptionsBuilder().withLimit(20L).withContinue(first.getMetadata().getContinue()).build());
    assertThat(names(second)).hasSize(3).doesNotContain("zz-after-first-page");
    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    client.configMaps().inNamespace("paged").withName("zz-after-first-page").delete();
  }

  @Test
  void anUnknownContinueTokenIsGone() {
    assertThatThrownBy(() -> client.configMaps().inNamespace("paged").list(new ListOptionsBuilder().withLimit(5L).withContinue("999:5").build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(410));
  }

  @Test
  void aNamedGetIgnoresTheLimit() {
    assertThat(client.configMaps().inNamespace("paged").withName("cm-03").get()).isNotNull();
  }

  @Test
  void anInformerWithALimitListsInPagesAndCachesEverything() throws Exception {
    try (KubernetesClient own = api.newClient("paged-informer")) {
      SharedIndexInformer<ConfigMap> informer = own.configMaps().inNamespace("paged").withLimit(5L).runnableInformer(0);
      try {
        informer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(informer.getStore().list()).hasSizeGreaterThanOrEqualTo(23);
      } finally {
        informer.stop();
      }
    }
    Traffic.Snapshot traffic = api.traffic("paged-informer");
    assertThat(traffic.requests().get("LIST")).as("23 objects, 5 a page").isEqualTo(5);
    String oneObject = Serialization.asJson(client.configMaps().inNamespace("paged").withName("cm-00").get());
    assertThat(traffic.largestResponse()).as("the largest page holds 5 objects").isBetween(5L * oneObject.length(), 7L * oneObject.length());
    assertThat(traffic.bytes().get("LIST")).isGreaterThan(23L * oneObject.length());
  }

  @Test
  void aWatchFromAResourceVersionSendsOnlyWhatCameAfterIt() throws Exception {
    String rv = client.configMaps().inNamespace("paged").list().getMetadata().getResourceVersion();
    List<String> resumed = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> fromScratch = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var a = client.configMaps().inNamespace("paged").watch(new ListOptionsBuilder().withResourceVersion(rv).build(), recorder(resumed));
        var b = client.configMaps().inNamespace("paged").watch(recorder(fromScratch))) {
      Thread.sleep(500);
      client.resource(configMap("paged", "zz-new")).create();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> resumed.contains("ADDED zz-new"));
    } finally {
      client.configMaps().inNamespace("paged").withName("zz-new").delete();
    }
    assertThat(resumed).as("no replay of the 23 stored objects").containsExactly("ADDED zz-new");
    assertThat(fromScratch).as("the Fabric8 mock's replay without a resourceVersion, kept").hasSizeGreaterThanOrEqualTo(23);
  }

  private static io.fabric8.kubernetes.client.Watcher<ConfigMap> recorder(List<String> events) {
    return new io.fabric8.kubernetes.client.Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
    };
  }

  private static List<String> names(ConfigMapList list) {
    return list.getItems().stream().map(c -> c.getMetadata().getName()).toList();
  }

  private static ConfigMap configMap(String ns, String name) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().addToData("k", name).build();
  }
}
