package dev.mlops.maturity.security;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.demo.IndexedCrudDispatcher;
import dev.mlops.maturity.reconciler.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.BiPredicate;

/**
 * A Fabric8 mock API server (CRUD, no schema enforcement, like a server that does not validate the CRD)
 * on 127.0.0.1 where a test can make requests fail, and create MaturityTargets from raw YAML of any shape.
 */
final class HostileCluster extends MockCluster {
  /** Every request as "METHOD path". */
  final Queue<String> requests = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile BiPredicate<String, String> failing = (m, p) -> false;
  private volatile int failCode = 500;

  private HostileCluster(KubernetesMockServer server) {
    super(server);
  }

  static HostileCluster start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Dispatcher crud = IndexedCrudDispatcher.mixed(responses);
    HostileCluster[] self = new HostileCluster[1];
    Dispatcher dispatcher = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        self[0].requests.add(request.getMethod() + " " + request.getPath());
        if (self[0].failing.test(request.getMethod(), request.getPath())) {
          int code = self[0].failCode;
          return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
              .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code + "}");
        }
        return crud.dispatch(request);
      }
    };
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HostileCluster cluster = new HostileCluster(server);
    self[0] = cluster;
    cluster.prepare();
    return cluster;
  }

  /** Requests matching {@code which} (method, path) are answered with {@code code} until {@link #heal()}. */
  void fail(BiPredicate<String, String> which, int code) {
    failCode = code;
    failing = which;
  }

  void heal() {
    failing = (m, p) -> false;
  }

  /** A MaturityTarget exactly as written, wrong types included (the mock, like a lax server, stores it). */
  void createRaw(String yaml) {
    GenericKubernetesResource g = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    client.genericKubernetesResources(MaturityTarget.GROUP + "/" + MaturityTarget.VERSION, "MaturityTarget")
        .inNamespace(g.getMetadata().getNamespace()).resource(g).create();
  }

  /** The raw stored target (its status as JSON text), readable whatever its spec holds. */
  String rawJson(String namespace, String name) {
    return Serialization.asJson(client.genericKubernetesResources(MaturityTarget.GROUP + "/" + MaturityTarget.VERSION, "MaturityTarget")
        .inNamespace(namespace).withName(name).get());
  }

  /** A kubeconfig file for this server, for the commands. */
  Path kubeconfig(Path dir) throws IOException {
    String url = client.getConfiguration().getMasterUrl();
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: mock
          user: {token: mock-token}
        contexts:
        - name: mock
          context: {cluster: mock, user: mock, namespace: default}
        current-context: mock
        """.formatted(url));
    return file;
  }
}
