package dev.mlops.maturity.reliability;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A Fabric8 mock API server in CRUD mode on 127.0.0.1 in front of which faults can be injected: a
 * rule (method + path predicate) answers instead of the CRUD store, for a number of requests or until
 * cleared. Every request is recorded ("METHOD path"), and open watch WebSockets can be dropped.
 */
final class FaultyCluster implements AutoCloseable {
  static final ResourceDefinitionContext CRON_WORKFLOWS = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("CronWorkflow").withPlural("cronworkflows").withNamespaced(true).build();
  static final Map<String, String> FRAUD = Map.of("app.kubernetes.io/part-of", "fraud-detector");
  static final Map<String, String> CHURN = Map.of("app.kubernetes.io/part-of", "churn");

  /** A fault: answers matching requests instead of the store while {@code remaining} is not zero (negative: forever). */
  static final class Fault {
    final BiPredicate<String, String> matches;
    final Supplier<MockResponse> response;
    final AtomicInteger remaining;
    final AtomicInteger hits = new AtomicInteger();

    Fault(BiPredicate<String, String> matches, Supplier<MockResponse> response, int times) {
      this.matches = matches;
      this.response = response;
      this.remaining = new AtomicInteger(times);
    }

    int hits() {
      return hits.get();
    }

    /** Takes one use of the fault; false once a counted fault is used up. */
    boolean take() {
      while (true) {
        int left = remaining.get();
        if (left < 0) {
          return true;
        }
        if (left == 0) {
          return false;
        }
        if (remaining.compareAndSet(left, left - 1)) {
          return true;
        }
      }
    }
  }

  private record OpenWatch(String path, WebSocket socket) {}

  final KubernetesMockServer server;
  final KubernetesClient client;
  final Queue<String> requests = new ConcurrentLinkedQueue<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<OpenWatch> watches = new CopyOnWriteArrayList<>();

  private FaultyCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  static FaultyCluster start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    FaultyCluster[] self = new FaultyCluster[1];
    Dispatcher dispatcher = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return self[0].dispatch(request, crud);
      }
    };
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    FaultyCluster cluster = new FaultyCluster(server);
    self[0] = cluster;
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("*").endResourceRule()
            .withIncomplete(false).endStatus().build())
        .always();
    cluster.applyProjectCrds();
    return cluster;
  }

  private MockResponse dispatch(RecordedRequest request, KubernetesMixedDispatcher crud) {
    String method = request.getMethod();
    String path = request.getPath();
    requests.add(method + " " + path);
    for (Fault f : faults) {
      if (f.matches.test(method, path) && f.take()) {
        f.hits.incrementAndGet();
        return f.response.get();
      }
    }
    MockResponse response = crud.dispatch(request);
    WebSocketListener listener = response.getWebSocketListener();
    if (listener != null && path.contains("watch=true")) {
      response.withWebSocketUpgrade(tracking(path, listener));
    }
    return response;
  }

  /** Remembers an open watch so a test can drop it; everything else goes to the store's listener. */
  private WebSocketListener tracking(String path, WebSocketListener delegate) {
    return new WebSocketListener() {
      @Override
      public void onBeforeAccept(WebSocket ws, Response r) {
        delegate.onBeforeAccept(ws, r);
      }

      @Override
      public void onOpen(WebSocket ws, Response r) {
        watches.add(new OpenWatch(path, ws));
        delegate.onOpen(ws, r);
      }

      @Override
      public void onMessage(WebSocket ws, String text) {
        delegate.onMessage(ws, text);
      }

      @Override
      public void onMessage(WebSocket ws, ByteString bytes) {
        delegate.onMessage(ws, bytes);
      }

      @Override
      public void onMessage(WebSocket ws, byte[] bytes) {
        delegate.onMessage(ws, bytes);
      }

      @Override
      public void onClosing(WebSocket ws, int code, String reason) {
        watches.removeIf(w -> w.socket() == ws);
        delegate.onClosing(ws, code, reason);
      }

      @Override
      public void onClosed(WebSocket ws, int code, String reason) {
        watches.removeIf(w -> w.socket() == ws);
        delegate.onClosed(ws, code, reason);
      }

      @Override
      public void onFailure(WebSocket ws, Throwable t, Response r) {
        watches.removeIf(w -> w.socket() == ws);
        delegate.onFailure(ws, t, r);
      }
    };
  }

  /** Injects a fault; {@code times} negative means until {@link #clear(Fault)}. */
  Fault fail(BiPredicate<String, String> matches, int times, Supplier<MockResponse> response) {
    Fault f = new Fault(matches, response, times);
    faults.add(f);
    return f;
  }

  Fault fail(BiPredicate<String, String> matches, int times, int code) {
    return fail(matches, times, () -> status(code));
  }

  void clear(Fault f) {
    faults.remove(f);
  }

  /** A Kubernetes Status body for an error code. */
  static MockResponse status(int code) {
    String reason = switch (code) {
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 410 -> "Expired";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      default -> "InternalError";
    };
    MockResponse r = new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    return code == 429 ? r.setHeader("Retry-After", "1") : r;
  }

  /**
   * What a real API server sends when a watch asks for a compacted resourceVersion: the upgrade
   * succeeds, then an ERROR event with a 410 Status, then the stream ends.
   */
  static MockResponse watchExpired() {
    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket ws, Response r) {
        ws.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Expired\",\"message\":\"too old resource version\",\"code\":410}}");
        ws.close(1000, "expired");
      }
    });
  }

  /** Requests whose "METHOD path" contains every fragment. */
  long count(String... fragments) {
    return requests.stream().filter(r -> Stream.of(fragments).allMatch(r::contains)).count();
  }

  /** Closes the open watches whose path contains the fragment; returns how many. */
  int dropWatches(String pathFragment) {
    int n = 0;
    for (OpenWatch w : watches) {
      if (w.path().contains(pathFragment)) {
        w.socket().close(1000, "dropped by test");
        watches.remove(w);
        n++;
      }
    }
    return n;
  }

  int openWatches(String pathFragment) {
    return (int) watches.stream().filter(w -> w.path().contains(pathFragment)).count();
  }

  private void applyProjectCrds() {
    Path crds = Path.of(System.getProperty("project.root", "..")).resolve("crds");
    try (Stream<Path> files = Files.list(crds)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + crds, e);
    }
  }

  void installCronWorkflowCrd() {
    client.resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("cronworkflows.argoproj.io").endMetadata()
        .withNewSpec().withGroup("argoproj.io").withScope("Namespaced")
        .withNewNames().withKind("CronWorkflow").withPlural("cronworkflows").withSingular("cronworkflow").withListKind("CronWorkflowList").endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion()
        .endSpec().build()).create();
  }

  void createCronWorkflow(String namespace, String name, Map<String, String> labels) {
    GenericKubernetesResource cw = new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1").withKind("CronWorkflow")
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .addToAdditionalProperties("spec", Map.of(
            "schedules", List.of("0 3 * * 1"), "suspend", false,
            "workflowSpec", Map.of("workflowTemplateRef", Map.of("name", "train"))))
        .build();
    client.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(namespace).resource(cw).create();
  }

  void deleteCronWorkflow(String namespace, String name) {
    client.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(namespace).withName(name).delete();
  }

  void createDeployment(String namespace, String name, Map<String, String> labels) {
    client.resource(new DeploymentBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("server").withImage("registry.example/model-server:1.0")
        .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
  }

  /** A custom two-level model: level 1 needs health-monitoring, level 2 scheduled-retraining. */
  void createTestModel() {
    createModel("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityModel
        metadata:
          name: test-model
        spec:
          description: two levels for reliability tests
          levels:
          - level: 0
            name: Manual
          - level: 1
            name: Served
            requires:
            - capability: health-monitoring
          - level: 2
            name: Retrained
            requires:
            - capability: scheduled-retraining
        """);
  }

  void createModel(String yaml) {
    client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();
  }

  static MaturityTarget target(String namespace, String name, String model, int targetLevel, Map<String, String> selector) {
    MaturityTarget t = new MaturityTarget();
    t.getMetadata().setNamespace(namespace);
    t.getMetadata().setName(name);
    MaturityTargetSpec spec = new MaturityTargetSpec();
    spec.model = model;
    spec.targetLevel = targetLevel;
    spec.evaluationInterval = "1h";
    spec.workload = new WorkloadRef();
    spec.workload.selector = new LabelSelectorBuilder().withMatchLabels(selector).build();
    t.setSpec(spec);
    return t;
  }

  static MaturityTarget target(String namespace, String name, int targetLevel, Map<String, String> selector) {
    return target(namespace, name, "test-model", targetLevel, selector);
  }

  MaturityTarget create(MaturityTarget target) {
    return client.resource(target).create();
  }

  MaturityTarget get(String namespace, String name) {
    return client.resources(MaturityTarget.class).inNamespace(namespace).withName(name).get();
  }

  Integer level(String namespace, String name) {
    MaturityTarget t = get(namespace, name);
    return t == null || t.getStatus() == null ? null : t.getStatus().observedLevel;
  }

  List<io.fabric8.kubernetes.api.model.Event> events(String namespace, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
