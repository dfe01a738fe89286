package dev.mlops.maturity.bench;

import dev.mlops.maturity.demo.IndexedCrudDispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bench's API server finds named objects through an index; it must answer exactly like the
 * Fabric8 CRUD mock it replaces. Seeded random operations run against both and every answer is compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexedCrudDispatcherTest {
  private static final List<String> NAMESPACES = List.of("a", "b", "c");
  private static final List<String> NAMES = List.of("m1", "m2", "m3", "m4");

  private ApiServer indexed;
  private KubernetesMockServer plain;

  @BeforeAll
  void start() throws Exception {
    indexed = ApiServer.start();
    plain = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesMixedDispatcher(new HashMap<>()),
        false);
    plain.init(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterAll
  void stop() {
    indexed.close();
    plain.destroy();
  }

  static Stream<Long> seeds() {
    return Stream.iterate(1L, s -> s + 1).limit(12);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void answersLikeTheFabric8CrudMock(long seed) {
    String prefix = "s" + seed + "-";
    try (KubernetesClient fast = indexed.newClient(); KubernetesClient slow = plain.createClient()) {
      Random random = new Random(seed);
      List<String> trace = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        String ns = prefix + NAMESPACES.get(random.nextInt(NAMESPACES.size()));
        String name = NAMES.get(random.nextInt(NAMES.size()));
        String label = "v" + random.nextInt(3);
        int op = random.nextInt(8);
        long limit = 1 + random.nextInt(3);
        // the Fabric8 mock ignores limit: its whole answer is what the indexed server's pages must add up to
        String expected = apply(slow, op == 7 ? 6 : op, ns, name, label, limit);
        String actual = apply(fast, op, ns, name, label, limit);
        trace.add(expected);
        assertThat(actual).as("op %d on %s/%s after %s", op, ns, name, trace).isEqualTo(expected);
      }
      // every kind of answer came up, so the comparison covered hits, misses and conflicts
      assertThat(String.join(" ", trace)).contains("created", "409", "got", "absent", "deleted", "list[");
      assertThat(pagedLists).as("some paged LISTs took more than one page").isPositive();
    }
  }

  @Test
  void clusterScopedObjectsAndRecreatesAreFound() {
    try (KubernetesClient client = indexed.newClient()) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-x").endMetadata().build()).create();
      assertThat(client.namespaces().withName("team-x").get()).isNotNull();
      ConfigMap cm = configMap("team-x", "m", "v1");
      client.resource(cm).create();
      client.resource(cm).delete();
      client.configMaps().inNamespace("team-x").withName("m").waitUntilCondition(java.util.Objects::isNull, 5,
          java.util.concurrent.TimeUnit.SECONDS);
      client.resource(configMap("team-x", "m", "v2")).create();
      assertThat(client.configMaps().inNamespace("team-x").withName("m").get().getMetadata().getLabels()).containsEntry("v", "v2");
    }
  }

  private int pagedLists;

  private String apply(KubernetesClient client, int op, String ns, String name, String label, long limit) {
    try {
      switch (op) {
        case 0, 1 -> {
          client.resource(configMap(ns, name, label)).create();
          return "created";
        }
        case 2 -> {
          ConfigMap got = client.configMaps().inNamespace(ns).withName(name).get();
          return got == null ? "absent" : "got" + describe(got);
        }
        case 3 -> {
          ConfigMap got = client.configMaps().inNamespace(ns).withName(name).get();
          if (got == null) {
            return "absent";
          }
          got.getMetadata().setLabels(Map.of("v", label));
          got.setData(Map.of("k", label));
          return "updated" + describe(client.resource(got).update());
        }
        case 4 -> {
          return "patched" + describe(client.configMaps().inNamespace(ns).withName(name).edit(c -> {
            c.getMetadata().setLabels(Map.of("v", label));
            return c;
          }));
        }
        case 5 -> {
          return client.configMaps().inNamespace(ns).withName(name).delete().isEmpty() ? "absent" : "deleted";
        }
        case 6 -> {
          List<String> names = client.configMaps().inNamespace(ns).withLabel("v", label).list().getItems().stream()
              .map(IndexedCrudDispatcherTest::describe).sorted().toList();
          return "list" + names;
        }
        default -> {
          List<ConfigMap> items = new ArrayList<>();
          String token = null;
          int pages = 0;
          do {
            var page = client.configMaps().inNamespace(ns).withLabel("v", label)
                .list(new ListOptionsBuilder().withLimit(limit).withContinue(token).build());
            assertThat(page.getItems().size()).as("page size").isLessThanOrEqualTo((int) limit);
            items.addAll(page.getItems());
            token = page.getMetadata().getContinue();
            pages++;
          } while (token != null && !token.isEmpty());
          if (pages > 1) {
            pagedLists++;
          }
          return "list" + items.stream().map(IndexedCrudDispatcherTest::describe).sorted().toList();
        }
      }
    } catch (KubernetesClientException e) {
      return String.valueOf(e.getCode());
    }
  }

  private static String describe(ConfigMap cm) {
    return cm.getMetadata().getName() + new TreeMap<>(cm.getMetadata().getLabels()) + new TreeMap<>(cm.getData());
  }

  private static ConfigMap configMap(String ns, String name, String label) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).addToLabels("v", label).endMetadata()
        .addToData("k", label).build();
  }
}
