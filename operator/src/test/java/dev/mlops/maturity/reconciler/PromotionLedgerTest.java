package dev.mlops.maturity.reconciler;

import static dev.mlops.maturity.reconciler.MockCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityLedger;
import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.LedgerConfig;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.TokenResolver;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.governance.AuditTrailProbe;
import dev.mlops.maturity.probe.mlflow.ChampionLookup;
import dev.mlops.maturity.probe.mlflow.FakeMlflowServer;
import dev.mlops.maturity.testing.TestClock;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 on the MLflow-shaped server and the mock API server: the real operator records the champion alias
 * moving 7 -> 8 in the target's MaturityLedger once, across restarts, with the run's dataset, the gate result and the
 * Argo CD deploy; the entry reaches a CloudEvents sink; a sink that is down keeps the entry and gives up after a bound.
 */
class PromotionLedgerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String MODEL = """
      apiVersion: maturity.mlops.dev/v1alpha1
      kind: MaturityModel
      metadata:
        name: audited
      spec:
        levels:
        - level: 0
          name: Manual
        - level: 1
          name: Audited
          requires:
          - capability: audit-trail
      """;
  /**
   * An Argo CD Application in the shape of argo-cd's docs/operator-manual/application.yaml, with the status.history of
   * a synced app (pkg/apis/application/v1alpha1 RevisionHistory: revision, deployedAt, initiatedBy.username).
   */
  private static final String APPLICATION = """
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: fraud-serving
        namespace: argocd
      spec:
        project: default
        source: {repoURL: "https://github.com/acme/ml-deploy.git", targetRevision: main, path: apps/fraud}
        destination: {server: "https://kubernetes.default.svc", namespace: team-a}
      status:
        resources:
        - {group: apps, version: v1, kind: Deployment, namespace: team-a, name: fraud-api}
        history:
        - id: 3
          revision: 4b1f0c9e2d7a
          deployedAt: "2026-11-22T09:58:00Z"
          deployStartedAt: "2026-11-22T09:57:40Z"
          initiatedBy: {username: alice@acme.example}
      """;
  private static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications").withNamespaced(true).build();

  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private TestCluster cluster;
  private FakeMlflowServer mlflow;
  private HttpServer sink;
  private OperatorHandle operator;
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger sinkRequests = new AtomicInteger();

  @BeforeEach
  void cluster() {
    cluster = TestCluster.start();
    cluster.createModel(MODEL);
    cluster.client.resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("applications.argoproj.io").endMetadata()
        .withNewSpec().withGroup("argoproj.io").withScope("Namespaced")
        .withNewNames().withKind("Application").withPlural("applications").withSingular("application").withListKind("ApplicationList").endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build()).create();
    cluster.client.genericKubernetesResources(APPLICATIONS).inNamespace("argocd")
        .resource(Serialization.unmarshal(APPLICATION, GenericKubernetesResource.class)).create();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    mlflow = FakeMlflowServer.start();
    run("r7", "transactions", "sha256:7777");
    run("r8", "transactions", "sha256:8888");
    champion("7", "r7");
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (sink != null) {
      sink.stop(0);
    }
    mlflow.close();
    cluster.close();
  }

  @Test
  void anAliasMoveIsRecordedOnceAcrossRestartsWithItsDataGateAndDeployAndSentAsACloudEvent() throws Exception {
    URI sinkUrl = startSink(202, 0);
    LedgerConfig ledger = new LedgerConfig(50, Optional.of(sinkUrl), 3, Duration.ofSeconds(1));
    operator = start(ledger);
    cluster.create(target());
    // the first sight is a baseline, not a promotion: nobody saw version 7 arrive
    await().atMost(WAIT).until(() -> ledger() != null && "7".equals(ledger().currentVersion));
    assertThat(ledger().entries).isEmpty();
    assertThat(state()).isEqualTo(CapabilityState.Missing);

    operator.stop();
    champion("8", "r8");
    operator = start(ledger);

    await().atMost(WAIT).until(() -> ledger() != null && ledger().entries.size() == 1);
    PromotionEntry entry = ledger().entries.get(0);
    assertThat(entry.fromVersion).isEqualTo("7");
    assertThat(entry.toVersion).isEqualTo("8");
    assertThat(entry.sequence).isEqualTo(1L);
    assertThat(entry.runId).isEqualTo("r8");
    assertThat(entry.datasets).singleElement().satisfies(d -> {
      assertThat(d.name).isEqualTo("transactions");
      assertThat(d.digest).isEqualTo("sha256:8888");
    });
    assertThat(entry.gateResult).isEqualTo("passed");
    assertThat(entry.who).isEqualTo("alice@acme.example");
    assertThat(entry.deployment.revision).isEqualTo("4b1f0c9e2d7a");
    assertThat(entry.observedAt).isEqualTo("2026-11-22T10:00:00Z");
    await().atMost(WAIT).until(() -> state() == CapabilityState.Satisfied);
    MaturityLedger stored = cluster.client.resources(MaturityLedger.class).inNamespace("team-a").withName("fraud").get();
    assertThat(stored.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(cluster.get("team-a", "fraud").getMetadata().getUid()));

    // the sink got one valid CloudEvent 1.0, and the ledger says so
    await().atMost(WAIT).until(() -> "Delivered".equals(ledger().entries.get(0).delivery));
    assertThat(received).hasSize(1);
    assertThat(contentTypes).containsExactly("application/cloudevents+json");
    CloudEvent event = new JsonFormat().deserialize(received.get(0));
    assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
    assertThat(event.getType()).isEqualTo("dev.mlops.maturity.promotion");
    assertThat(event.getId()).isEqualTo("team-a/fraud/1");
    assertThat(event.getSource().toString()).isEqualTo("/apis/maturity.mlops.dev/v1alpha1/namespaces/team-a/maturityledgers/fraud");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .contains("\"toVersion\":\"8\"", "\"fromVersion\":\"7\"", "sha256:8888", "\"gateResult\":\"passed\"");

    // a second restart sees version 8 recorded already: no duplicate entry, no second event
    operator.stop();
    operator = start(ledger);
    await().atMost(WAIT).until(() -> state() == CapabilityState.Satisfied);
    await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> ledger().entries.size() == 1 && received.size() == 1);
    assertThat(ledger().sequence).isEqualTo(1L);
    assertThat(metric("mlops_maturity_promotions_total")).as("this process recorded none").endsWith("} 0.0");

    // a live move 8 -> 9 (the alias answer goes stale and is read again) is the second entry, counted by the metric
    run("r9", "transactions", "sha256:9999");
    champion("9", "r9");
    clock.advance(Duration.ofSeconds(31));
    await().atMost(WAIT).until(() -> ledger().entries.size() == 2);
    assertThat(ledger().entries.get(1).fromVersion).isEqualTo("8");
    assertThat(ledger().entries.get(1).sequence).isEqualTo(2L);
    assertThat(metric("mlops_maturity_promotions_total")).contains("namespace=\"team-a\"", "target=\"fraud\"", "} 1.0");
  }

  @Test
  void aSinkThatIsDownKeepsTheEntryRetriesBoundedAndDoesNotHoldUpTheStatus() throws Exception {
    // every request waits 2.5 s and then fails: the reconcile must not wait for it
    URI sinkUrl = startSink(503, 2500);
    LedgerConfig ledger = new LedgerConfig(50, Optional.of(sinkUrl), 3, Duration.ofSeconds(1));
    operator = start(ledger);
    cluster.create(target());
    await().atMost(WAIT).until(() -> ledger() != null && "7".equals(ledger().currentVersion));

    champion("8", "r8");
    clock.advance(Duration.ofSeconds(31));
    await().atMost(WAIT).until(() -> ledger().entries.size() == 1);
    await().atMost(Duration.ofSeconds(2)).until(() -> state() == CapabilityState.Satisfied);
    assertThat(ledger().entries.get(0).delivery).as("kept while the sink is down").isEqualTo("Pending");

    await().atMost(WAIT).until(() -> "Failed".equals(ledger().entries.get(0).delivery));
    assertThat(ledger().entries.get(0).deliveryAttempts).isEqualTo(3);
    assertThat(ledger().entries.get(0).toVersion).isEqualTo("8");
    // the bound holds: later reconciles do not start another round
    clock.advance(Duration.ofSeconds(31));
    Thread.sleep(4000);
    assertThat(sinkRequests.get()).isEqualTo(3);
    assertThat(ledger().entries).hasSize(1);
  }

  @Test
  void aStageChangeToProductionInARegistryWithoutAliasesIsRecordedLikeAnAliasMove() {
    // MLflow before 2.9 (and registries never migrated) promote by stage: no champion alias is set
    mlflow.answerFromNow("registered-models/alias", Map.of("name", "fraud-detector", "alias", "champion"), 404,
        "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Registered model alias champion not found.\"}");
    staged("7", "r7", "7", "Production");
    operator = start(new LedgerConfig(50, Optional.empty(), 3, Duration.ofSeconds(1)));
    cluster.create(target());
    await().atMost(WAIT).until(() -> ledger() != null && "7".equals(ledger().currentVersion));
    assertThat(ledger().entries).isEmpty();

    staged("8", "r8", "7", "Archived");
    clock.advance(Duration.ofSeconds(31));

    await().atMost(WAIT).until(() -> ledger().entries.size() == 1);
    PromotionEntry entry = ledger().entries.get(0);
    assertThat(entry.alias).isEqualTo(ChampionLookup.STAGE_POINTER);
    assertThat(entry.fromVersion).isEqualTo("7");
    assertThat(entry.toVersion).isEqualTo("8");
    assertThat(entry.runId).isEqualTo("r8");
    assertThat(entry.gateResult).isEqualTo("passed");
    await().atMost(WAIT).until(() -> state() == CapabilityState.Satisfied);
  }

  /**
   * model-versions/search answer (MLflow REST API SearchModelVersions, newest first): {@code version} in stage
   * Production, and {@code other} in {@code otherStage}.
   */
  private void staged(String version, String runId, String other, String otherStage) {
    String production = """
        {"name": "fraud-detector", "version": "%s", "creation_timestamp": 1718000000000, "current_stage": "Production",
          "source": "models:/m-%s/", "run_id": "%s", "status": "READY",
          "tags": [{"key": "mlops.gate.result", "value": "passed"}, {"key": "mlops.gate.metric", "value": "auc"}]}""".formatted(version, version, runId);
    String older = """
        {"name": "fraud-detector", "version": "%s", "creation_timestamp": 1717000000000, "current_stage": "%s",
          "source": "models:/m-%s/", "run_id": "r%s", "status": "READY", "tags": []}""".formatted(other, otherStage, other, other);
    String versions = version.equals(other) ? production : production + ", " + older;
    mlflow.answerFromNow("model-versions/search", Map.of(), 200, "{\"model_versions\": [" + versions + "]}");
  }

  private OperatorHandle start(LedgerConfig ledger) {
    OperatorConfig config = new OperatorConfig(Map.of(), Map.of("default", new Endpoint(mlflow.root(), null)), ProbeSettings.DEFAULTS,
        List.of()).withLedger(ledger);
    return OperatorApp.start(cluster.client, new ProbeSet(List.of(new AuditTrailProbe())),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
            .withShutdownTimeout(Duration.ofMillis(500)).withClock(clock).withConfig(config)
            .withExternal(HttpExternalSources.forOperator(config, TokenResolver.NONE)));
  }

  private static MaturityTarget target() {
    MaturityTarget t = MockCluster.target("team-a", "fraud", "audited", 1, FRAUD);
    t.getSpec().workload.registeredModel = "fraud-detector";
    return t;
  }

  /** registered-models/alias answer (MLflow REST API GetModelVersionByAlias: {"model_version": ModelVersion}) with the gate tags. */
  private void champion(String version, String runId) {
    mlflow.answerFromNow("registered-models/alias", Map.of("name", "fraud-detector", "alias", "champion"), 200, """
        {"model_version": {"name": "fraud-detector", "version": "%s", "creation_timestamp": 1718000000000,
          "current_stage": "None", "source": "models:/m-%s/", "run_id": "%s", "status": "READY",
          "tags": [{"key": "mlops.gate.result", "value": "passed"}, {"key": "mlops.gate.metric", "value": "auc"},
                   {"key": "mlops.gate.candidate", "value": "0.92"}, {"key": "mlops.gate.champion", "value": "0.91"}],
          "aliases": ["champion"]}}
        """.formatted(version, version, runId));
  }

  /** runs/get answer (MLflow REST API GetRun: run.inputs.dataset_inputs[].dataset{name, digest, source}). */
  private void run(String runId, String dataset, String digest) {
    mlflow.answerFromNow("runs/get", Map.of("run_id", runId), 200, """
        {"run": {"info": {"run_id": "%s", "status": "FINISHED", "experiment_id": "3"},
          "data": {"metrics": [{"key": "auc", "value": 0.92}], "params": [], "tags": []},
          "inputs": {"dataset_inputs": [{"tags": [{"key": "mlflow.data.context", "value": "training"}],
            "dataset": {"name": "%s", "digest": "%s", "source_type": "s3", "source": "{\\"uri\\": \\"s3://lake/%s\\"}"}}]}}}
        """.formatted(runId, dataset, digest, dataset));
  }

  private URI startSink(int status, long delayMillis) throws IOException {
    sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    sink.createContext("/events", exchange -> {
      try (exchange) {
        sinkRequests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
        if (status / 100 == 2) {
          received.add(body);
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        exchange.sendResponseHeaders(status, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    sink.start();
    return URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/events");
  }

  private MaturityLedgerSpec ledger() {
    MaturityLedger l = cluster.client.resources(MaturityLedger.class).inNamespace("team-a").withName("fraud").get();
    return l == null ? null : l.getSpec();
  }

  private CapabilityState state() {
    MaturityTarget t = cluster.get("team-a", "fraud");
    if (t == null || t.getStatus() == null || t.getStatus().capabilities == null) {
      return null;
    }
    return t.getStatus().capabilities.stream().filter(c -> AuditTrailProbe.CAPABILITY.equals(c.id)).map(c -> c.state).findFirst().orElse(null);
  }

  private String metric(String name) {
    return operator.registry().scrape().lines().filter(l -> l.startsWith(name + "{")).findFirst().orElse(null);
  }
}
