package dev.mlops.maturity.helm;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.WorkloadRef;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.SecretTokenResolver;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The chart rendered with integrations configured, and the real operator started with the rendered
 * configuration against a Fabric8 CRUD mock API server (the chart's CRDs applied) and a local
 * Prometheus/MLflow stand-in on 127.0.0.1 whose address is set through the values. One
 * MaturityTarget converges; what the run showed is kept in a {@link Snapshot}, computed once per JVM
 * and shared by the tests (starting an operator costs seconds).
 *
 * <p>The stand-in answers the DCGM utilisation query with 72.5 (so {@code gpu-utilisation} is
 * Satisfied at the default 60% threshold), every other query with an empty vector, and every MLflow
 * call with 404 RESOURCE_DOES_NOT_EXIST (so {@code model-registry} is Missing).
 */
final class RenderedOperatorRun {
  static final String TEAM = "team-a";
  static final String TARGET = "fraud";
  static final String TOKEN = "mlflow-reader-token";
  static final double GPU_PERCENT = 72.5;
  static final java.time.LocalDate NOT_APPLICABLE_UNTIL = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(90);

  /** What one run showed: the rendered objects, the configuration, the target's status, the operator's endpoints. */
  record Snapshot(List<HasMetadata> rendered, OperatorConfig config, MaturityTarget target, String metrics, int healthz, int readyz,
      List<String> standInRequests, List<String> mlflowAuthorizations) {}

  private static Snapshot snapshot;

  private RenderedOperatorRun() {}

  static synchronized Snapshot converged() {
    if (snapshot == null) {
      snapshot = run();
    }
    return snapshot;
  }

  /** The --set values that point the integrations at the stand-in. */
  static Map<String, Object> integrations(int standInPort) {
    String root = "http://127.0.0.1:" + standInPort;
    return Map.of(
        "config.integrations.prometheus.default.url", root,
        "config.integrations.mlflow.default.url", root,
        "config.integrations.mlflow.default.tokenSecretRef.name", "mlflow-reader",
        "config.integrations.mlflow.default.tokenSecretRef.key", "token");
  }

  private static Snapshot run() {
    List<String> requests = new CopyOnWriteArrayList<>();
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer standIn = standIn(requests, authorizations);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
    OperatorHandle operator = null;
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
      KubernetesClient client = server.createClient();
      // JOSDK's leader election checks its Lease access first; the CRUD mock cannot answer that
      server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
          .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
              .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update").endResourceRule()
              .withIncomplete(false).endStatus().build())
          .always();

      List<HasMetadata> rendered = ChartFixture.parse(ChartFixture.template(null, integrations(standIn.getAddress().getPort())));
      String configYaml = ChartFixture.single(rendered.stream().filter(o -> o instanceof ConfigMap cm
          && cm.getData() != null && cm.getData().containsKey("config.yaml")).toList(), ConfigMap.class).getData().get("config.yaml");
      OperatorConfig config = OperatorConfigLoader.parse(configYaml);
      DeploymentArgs args = DeploymentArgs.of(rendered);

      applyChartCrds(client);
      client.resource(new SecretBuilder().withNewMetadata().withNamespace(ChartFixture.NAMESPACE).withName("mlflow-reader").endMetadata()
          .withStringData(Map.of("token", TOKEN)).build()).create();
      client.resource(Serialization.unmarshal(MODEL, GenericKubernetesResource.class)).create();

      Clock clock = Clock.systemUTC();
      OperatorOptions options = OperatorOptions.defaults()
          .withMetrics("127.0.0.1", 0)
          .withCacheSyncTimeout(Duration.ofSeconds(20))
          .withShutdownTimeout(Duration.ofMillis(500))
          .withExternal(HttpExternalSources.forOperator(config, new SecretTokenResolver(client, ChartFixture.NAMESPACE, clock)))
          .withLeaderElection(OperatorOptions.LeaderElection.in(args.leaderElectionNamespace())
              .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250)));
      operator = OperatorApp.start(client, ProbeSet.standard(), options.withConfig(config));
      // the target's workload exists (a selector matching nothing would make the target Ready=False)
      client.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
          .withNewMetadata().withName("fraud-detector").withNamespace(TEAM).addToLabels("app.kubernetes.io/part-of", "fraud-detector")
          .endMetadata()
          .withNewSpec().withNewSelector().addToMatchLabels("app", "fraud-detector").endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", "fraud-detector").endMetadata()
          .withNewSpec().addNewContainer().withName("server").withImage("ghcr.io/example/fraud-detector:1").endContainer().endSpec()
          .endTemplate().endSpec().build()).create();
      client.resource(target()).create();

      OperatorHandle running = operator;
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
        MaturityTarget t = client.resources(MaturityTarget.class).inNamespace(TEAM).withName(TARGET).get();
        return t != null && t.getStatus() != null && t.getStatus().observedLevel != null
            && get(running.metricsPort(), "/metrics").body().contains("mlops_maturity_degraded{namespace=\"" + TEAM + "\"");
      });
      MaturityTarget converged = client.resources(MaturityTarget.class).inNamespace(TEAM).withName(TARGET).get();
      String metrics = get(operator.metricsPort(), "/metrics").body();
      return new Snapshot(rendered, config, converged, metrics, get(operator.metricsPort(), "/healthz").statusCode(),
          get(operator.metricsPort(), "/readyz").statusCode(), List.copyOf(requests), List.copyOf(authorizations));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (dev.mlops.maturity.config.InvalidConfigException e) {
      throw new AssertionError("the operator rejects the rendered configuration: " + e.getMessage(), e);
    } finally {
      if (operator != null) {
        operator.stop();
      }
      server.destroy();
      standIn.stop(0);
    }
  }

  /** Level 1 needs the platform's GPUs used, level 2 the model registered in MLflow. */
  private static final String MODEL = """
      apiVersion: maturity.mlops.dev/v1alpha1
      kind: MaturityModel
      metadata:
        name: helm-test-model
      spec:
        description: two levels for the rendered-chart test
        levels:
        - level: 0
          name: Manual
        - level: 1
          name: Efficient
          requires:
          - capability: gpu-utilisation
          recommends:
          - capability: spot-capacity
        - level: 2
          name: Registered
          requires:
          - capability: model-registry
      """;

  private static MaturityTarget target() {
    MaturityTarget t = new MaturityTarget();
    t.getMetadata().setNamespace(TEAM);
    t.getMetadata().setName(TARGET);
    MaturityTargetSpec spec = new MaturityTargetSpec();
    spec.model = "helm-test-model";
    spec.targetLevel = 1;
    spec.evaluationInterval = "1h";
    spec.workload = new WorkloadRef();
    spec.workload.selector = new LabelSelectorBuilder().withMatchLabels(Map.of("app.kubernetes.io/part-of", "fraud-detector")).build();
    spec.workload.registeredModel = "fraud-detector";
    // a notApplicable entry within the default policy, so the exception expiry series is exported
    dev.mlops.maturity.api.v1alpha1.NotApplicable na = new dev.mlops.maturity.api.v1alpha1.NotApplicable();
    na.capability = "spot-capacity";
    na.reason = "latency-critical serving stays on on-demand nodes";
    na.expires = NOT_APPLICABLE_UNTIL.toString();
    spec.notApplicable.add(na);
    t.setSpec(spec);
    return t;
  }

  private static void applyChartCrds(KubernetesClient client) throws IOException {
    try (Stream<Path> files = Files.list(ChartFixture.chart().resolve("crds"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
        }
      }
    }
  }

  private static HttpServer standIn(List<String> requests, List<String> authorizations) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
      s.createContext("/", exchange -> {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        requests.add(path + (query.isEmpty() ? "" : "?" + query));
        if (path.startsWith("/api/2.0/mlflow/")) {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth == null ? "" : auth);
          respond(exchange, 404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"not found\"}");
        } else if (path.equals("/api/v1/query")) {
          String result = query.contains("DCGM_FI_DEV_GPU_UTIL") ? "[{\"metric\":{},\"value\":[1700000000," + "\"" + GPU_PERCENT + "\"]}]" : "[]";
          respond(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}");
        } else if (path.equals("/api/v1/targets")) {
          respond(exchange, 200, "{\"status\":\"success\",\"data\":{\"activeTargets\":[],\"droppedTargets\":[]}}");
        } else if (path.equals("/api/v1/rules")) {
          respond(exchange, 200, "{\"status\":\"success\",\"data\":{\"groups\":[]}}");
        } else {
          respond(exchange, 404, "{}");
        }
      });
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
