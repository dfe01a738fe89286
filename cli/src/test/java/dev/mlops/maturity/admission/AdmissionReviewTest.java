package dev.mlops.maturity.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.cluster.DirectClusterView;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.demo.DemoAssess;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.SecretTokenResolver;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ProbeSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdmissionReview v1 JSON in and out, evaluated on the demo cluster (mock API server, demo MLflow/Prometheus). */
@EnableKubernetesMockClient(crud = true)
class AdmissionReviewTest {
  /** fraud's CronWorkflow (examples/demo/cluster/30-fraud-level2.yaml) with spec.suspend: true, as JSON. */
  static final String SUSPENDED_CRON = """
      {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow",
       "metadata": {"name": "fraud-detector-nightly", "namespace": "fraud", "labels": {"app.kubernetes.io/part-of": "fraud-detector"}},
       "spec": {"schedules": ["0 2 * * *"], "timezone": "Europe/Amsterdam", "suspend": true,
                "workflowSpec": {"workflowTemplateRef": {"name": "fraud-detector-train"}}}}""";
  static final ObjectMapper JSON = new ObjectMapper();

  KubernetesClient client;
  @TempDir
  Path dir;
  DemoAssess demo;
  AdmissionReviewHandler handler;

  @BeforeEach
  void cluster() throws Exception {
    demo = new DemoAssess(client, dir);
    OperatorConfig operatorConfig = OperatorConfigLoader.load(demo.config());
    Clock clock = Clock.systemUTC();
    var external = HttpExternalSources.create(operatorConfig, new SecretTokenResolver(client, "default", clock), clock);
    handler = new AdmissionReviewHandler(new AdmissionEvaluator(new DirectClusterView(client), external,
        new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), operatorConfig.thresholds(), clock), clock), BuiltInModels.load(),
        ns -> ns == null ? client.resources(MaturityTarget.class).inAnyNamespace().list().getItems()
            : client.resources(MaturityTarget.class).inNamespace(ns).list().getItems()));
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  static String review(String operation, String namespace, String object, String oldObject) {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002", "operation": "%s",
                     "kind": {"group": "argoproj.io", "version": "v1alpha1", "kind": "CronWorkflow"},
                     "resource": {"group": "argoproj.io", "version": "v1alpha1", "resource": "cronworkflows"},
                     "name": "fraud-detector-nightly", "namespace": "%s",
                     "userInfo": {"username": "alice"}, "object": %s, "oldObject": %s, "dryRun": false}}
        """.formatted(operation, namespace, object, oldObject);
  }

  JsonNode respond(String body) throws Exception {
    JsonNode review = JSON.readTree(handler.handle(body));
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    return review.path("response");
  }

  void enforce(boolean on) {
    MaturityTarget fraud = client.resources(MaturityTarget.class).inNamespace("fraud").withName("fraud-detector").get();
    fraud.getSpec().enforce = on;
    client.resource(fraud).update();
  }

  @Test
  void aChangeThatDropsATargetIsAllowedWithAWarning() throws Exception {
    JsonNode response = respond(review("UPDATE", "fraud", SUSPENDED_CRON, "null"));

    assertThat(response.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings")).extracting(JsonNode::asText)
        .containsExactly("fraud/fraud-detector would drop 2 → 1: scheduled-retraining Missing");
    assertThat(response.has("status")).isFalse();
  }

  @Test
  void aChangeThatDropsNothingIsAllowedWithoutWarnings() throws Exception {
    String configMap = """
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "fraud"}, "data": {"a": "b"}}""";
    JsonNode response = respond(review("CREATE", "fraud", configMap, "null"));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("warnings")).isFalse();
  }

  @Test
  void anOptedInTargetDeniesARealDrop() throws Exception {
    enforce(true);

    JsonNode response = respond(review("UPDATE", "fraud", SUSPENDED_CRON, "null"));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText())
        .contains("fraud/fraud-detector would drop 2 → 1: scheduled-retraining Missing", "spec.enforce: true");
    JsonNode delete = respond(review("DELETE", "fraud", "null", SUSPENDED_CRON.replace("\"suspend\": true", "\"suspend\": false")));
    assertThat(delete.path("allowed").asBoolean()).as("deleting the schedule is a real drop too").isFalse();
  }

  @Test
  void unknownNeverDenies() throws Exception {
    enforce(true);
    MaturityTarget fraud = client.resources(MaturityTarget.class).inNamespace("fraud").withName("fraud-detector").get();
    // the registry evidence turns Unknown (no such MLflow endpoint): not proof that anything is missing
    String changed = JSON.writeValueAsString(fraud).replace("\"spec\":{", "\"spec\":{\"integrations\":{\"mlflow\":\"nowhere\"},");
    String body = review("UPDATE", "fraud", changed, "null").replace("\"group\": \"argoproj.io\", \"version\": \"v1alpha1\", \"kind\": \"CronWorkflow\"",
        "\"group\": \"maturity.mlops.dev\", \"version\": \"v1alpha1\", \"kind\": \"MaturityTarget\"");

    JsonNode response = respond(body);

    assertThat(changed).contains("\"mlflow\":\"nowhere\"");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("status")).isFalse();
  }

  @Test
  void aMalformedReviewIsAllowedWithALoggedError() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      JsonNode garbage = respond("{not json");
      assertThat(garbage.path("allowed").asBoolean()).isTrue();
      assertThat(garbage.path("uid").asText()).isEmpty();
      JsonNode noRequest = respond("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\"}");
      assertThat(noRequest.path("allowed").asBoolean()).isTrue();
      JsonNode v1beta1 = respond(review("UPDATE", "fraud", SUSPENDED_CRON, "null").replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1"));
      assertThat(v1beta1.path("allowed").asBoolean()).isTrue();
      assertThat(v1beta1.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
      assertThat(v1beta1.has("warnings")).as("not evaluated").isFalse();
      JsonNode badObject = respond(review("UPDATE", "fraud", "[1, 2]", "null"));
      assertThat(badObject.path("allowed").asBoolean()).isTrue();
    } finally {
      System.setErr(original);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("the request body is not JSON", "not an admission.k8s.io/v1 AdmissionReview",
        "cannot evaluate request 705ab4f5-6393-11e8-b7cc-42010a800002");
  }
}
