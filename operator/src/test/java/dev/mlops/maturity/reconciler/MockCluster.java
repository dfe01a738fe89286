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
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Fabric8 mock API server on 127.0.0.1 with our CRDs applied and a stub for JOSDK's
 * SelfSubjectRulesReview, plus the objects operator tests create: the Argo CronWorkflow CRD and
 * CronWorkflows in their upstream shape, Deployments, a two-level test model and MaturityTargets.
 * Subclasses decide how requests are dispatched (plain CRUD, counting, fault injection).
 */
public abstract class MockCluster implements AutoCloseable {
  /** Selectors of the two teams of {@link #createTwoTeams()}. */
  public static final Map<String, String> FRAUD = Map.of("app.kubernetes.io/part-of", "fraud-detector");
  public static final Map<String, String> CHURN = Map.of("app.kubernetes.io/part-of", "churn");

  public static final ResourceDefinitionContext CRON_WORKFLOWS = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("CronWorkflow").withPlural("cronworkflows").withNamespaced(true).build();

  public final KubernetesMockServer server;
  public final KubernetesClient client;

  protected MockCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** JOSDK's leader election asks for its own rules first; the mock cannot answer that. Then our CRDs. */
  protected void prepare() {
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().addNewResourceRule()
            .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("*").endResourceRule()
            .withIncomplete(false).endStatus().build())
        .always();
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

  public static CustomResourceDefinition cronWorkflowCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("cronworkflows.argoproj.io").endMetadata()
        .withNewSpec().withGroup("argoproj.io").withScope("Namespaced")
        .withNewNames().withKind("CronWorkflow").withPlural("cronworkflows").withSingular("cronworkflow").withListKind("CronWorkflowList").endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion()
        .endSpec().build();
  }

  public void installCronWorkflowCrd() {
    client.resource(cronWorkflowCrd()).create();
  }

  public void removeCronWorkflowCrd() {
    client.apiextensions().v1().customResourceDefinitions().withName("cronworkflows.argoproj.io").delete();
  }

  /** An Argo CronWorkflow in its upstream shape (spec.schedules, spec.suspend, spec.workflowSpec). */
  public static GenericKubernetesResource cronWorkflow(String namespace, String name, Map<String, String> labels, boolean suspend) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1").withKind("CronWorkflow")
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .addToAdditionalProperties("spec", Map.of(
            "schedules", List.of("0 3 * * 1"),
            "suspend", suspend,
            "workflowSpec", Map.of("workflowTemplateRef", Map.of("name", "train"))))
        .build();
  }

  public void createCronWorkflow(String namespace, String name, Map<String, String> labels) {
    client.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(namespace).resource(cronWorkflow(namespace, name, labels, false)).create();
  }

  public void deleteCronWorkflow(String namespace, String name) {
    client.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(namespace).withName(name).delete();
  }

  public void createDeployment(String namespace, String name, Map<String, String> labels) {
    client.resource(new DeploymentBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("server").withImage("registry.example/model-server:1.0")
        .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
  }

  /**
   * The usual operator-test cluster: the CronWorkflow CRD, the test model, and two teams (team-a
   * fraud, team-b churn) each with a Deployment and a CronWorkflow, so both can reach level 2.
   */
  public void createTwoTeams() {
    installCronWorkflowCrd();
    createTestModel();
    createDeployment("team-a", "fraud-api", FRAUD);
    createCronWorkflow("team-a", "fraud-retrain", FRAUD);
    createDeployment("team-b", "churn-api", CHURN);
    createCronWorkflow("team-b", "churn-retrain", CHURN);
  }

  /** A custom two-level model: level 1 needs a served workload (health-monitoring), level 2 a retraining schedule. */
  static final String TEST_MODEL = """
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

  public void createTestModel() {
    createModel(TEST_MODEL);
  }

  public void createModel(String yaml) {
    client.resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();
  }

  public static MaturityTarget target(String namespace, String name, String model, int targetLevel, Map<String, String> selector) {
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

  /** A target on the test model, re-evaluated periodically only once an hour (tests see event-driven changes). */
  public static MaturityTarget target(String namespace, String name, int targetLevel, Map<String, String> selector) {
    return target(namespace, name, "test-model", targetLevel, selector);
  }

  public MaturityTarget create(MaturityTarget target) {
    return client.resource(target).create();
  }

  public MaturityTarget get(String namespace, String name) {
    return client.resources(MaturityTarget.class).inNamespace(namespace).withName(name).get();
  }

  public Integer level(String namespace, String name) {
    MaturityTarget t = get(namespace, name);
    return t == null || t.getStatus() == null ? null : t.getStatus().observedLevel;
  }

  public List<io.fabric8.kubernetes.api.model.Event> events(String namespace, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
