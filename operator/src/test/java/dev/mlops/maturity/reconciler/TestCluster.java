package dev.mlops.maturity.reconciler;

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
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Fabric8 mock API server in CRUD mode on 127.0.0.1 with our CRDs applied, the Argo CronWorkflow
 * CRD on demand, a stub for JOSDK's SelfSubjectRulesReview, and a count of status PATCH requests.
 */
final class TestCluster implements AutoCloseable {
  static final ResourceDefinitionContext CRON_WORKFLOWS = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("CronWorkflow").withPlural("cronworkflows").withNamespaced(true).build();

  final KubernetesMockServer server;
  final KubernetesClient client;
  final AtomicInteger statusPatches = new AtomicInteger();

  private TestCluster(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  static TestCluster start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    AtomicInteger patches = new AtomicInteger();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    Dispatcher counting = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if ("PATCH".equals(request.getMethod()) && request.getPath().contains("/maturitytargets/") && request.getPath().contains("/status")) {
          patches.incrementAndGet();
        }
        return crud.dispatch(request);
      }
    };
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, counting, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    TestCluster cluster = new TestCluster(server, server.createClient());
    cluster.statusPatchesCounter(patches);
    cluster.stubRulesReview();
    cluster.applyProjectCrds();
    return cluster;
  }

  private AtomicInteger patchCounter;

  private void statusPatchesCounter(AtomicInteger counter) {
    this.patchCounter = counter;
  }

  int statusPatchCount() {
    return patchCounter.get();
  }

  /** JOSDK's leader election asks for its own rules first; the mock cannot answer that. */
  private void stubRulesReview() {
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("*").endResourceRule()
            .withIncomplete(false).endStatus().build())
        .always();
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

  static CustomResourceDefinition cronWorkflowCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("cronworkflows.argoproj.io").endMetadata()
        .withNewSpec().withGroup("argoproj.io").withScope("Namespaced")
        .withNewNames().withKind("CronWorkflow").withPlural("cronworkflows").withSingular("cronworkflow").withListKind("CronWorkflowList").endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion()
        .endSpec().build();
  }

  void installCronWorkflowCrd() {
    client.resource(cronWorkflowCrd()).create();
  }

  void removeCronWorkflowCrd() {
    client.apiextensions().v1().customResourceDefinitions().withName("cronworkflows.argoproj.io").delete();
  }

  /** An Argo CronWorkflow in its upstream shape (spec.schedules, spec.suspend, spec.workflowSpec). */
  static GenericKubernetesResource cronWorkflow(String namespace, String name, Map<String, String> labels, boolean suspend) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1").withKind("CronWorkflow")
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .addToAdditionalProperties("spec", Map.of(
            "schedules", List.of("0 3 * * 1"),
            "suspend", suspend,
            "workflowSpec", Map.of("workflowTemplateRef", Map.of("name", "train"))))
        .build();
  }

  void createCronWorkflow(String namespace, String name, Map<String, String> labels) {
    client.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(namespace).resource(cronWorkflow(namespace, name, labels, false)).create();
  }

  void deleteCronWorkflow(String namespace, String name) {
    client.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(namespace).withName(name).delete();
  }

  void createDeployment(String namespace, String name, Map<String, String> labels) {
    client.resource(new DeploymentBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("server").withImage("registry.example/model-server:1.0").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
  }

  /** A custom two-level model: level 1 needs a served workload, level 2 a retraining schedule. */
  void createTestModel() {
    String yaml = """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityModel
        metadata:
          name: test-model
        spec:
          description: two levels for operator tests
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
        """;
    client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();
  }

  static MaturityTarget target(String namespace, String name, int targetLevel, Map<String, String> selector) {
    MaturityTarget t = new MaturityTarget();
    t.getMetadata().setNamespace(namespace);
    t.getMetadata().setName(name);
    MaturityTargetSpec spec = new MaturityTargetSpec();
    spec.model = "test-model";
    spec.targetLevel = targetLevel;
    spec.evaluationInterval = "1h";
    spec.workload = new WorkloadRef();
    spec.workload.selector = new LabelSelectorBuilder().withMatchLabels(selector).build();
    t.setSpec(spec);
    return t;
  }

  MaturityTarget create(MaturityTarget target) {
    return client.resource(target).create();
  }

  MaturityTarget get(String namespace, String name) {
    return client.resources(MaturityTarget.class).inNamespace(namespace).withName(name).get();
  }

  List<io.fabric8.kubernetes.api.model.Event> events(String namespace, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  static String scrape(int port) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int status(int port, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
