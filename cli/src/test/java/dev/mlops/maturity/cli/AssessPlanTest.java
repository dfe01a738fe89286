package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.demo.DemoAssess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `assess --plan` (what-if) end to end against the demo cluster in a mock API server, with the demo MLflow/Prometheus. */
@EnableKubernetesMockClient(crud = true)
class AssessPlanTest {
  /** fraud's CronWorkflow from examples/demo/cluster/30-fraud-level2.yaml with {@code spec.suspend: true}. */
  static final String SUSPEND_FRAUD_SCHEDULE = """
      apiVersion: argoproj.io/v1alpha1
      kind: CronWorkflow
      metadata:
        name: fraud-detector-nightly
        namespace: fraud
        labels: {app.kubernetes.io/part-of: fraud-detector}
      spec:
        schedules: ["0 2 * * *"]
        timezone: Europe/Amsterdam
        concurrencyPolicy: Forbid
        suspend: true
        workflowSpec:
          workflowTemplateRef: {name: fraud-detector-train}
      """;
  /**
   * A Service and ServiceMonitor for churn's Deployment, written after prometheus-operator's getting-started example
   * (example/user-guides/getting-started/example-app-service.yaml and example-app-service-monitor.yaml).
   */
  static final String MONITOR_CHURN = """
      kind: Service
      apiVersion: v1
      metadata:
        name: churn-predictor
        namespace: churn
        labels:
          app: churn-predictor
      spec:
        selector:
          app: churn-predictor
        ports:
        - name: web
          port: 8888
      ---
      apiVersion: monitoring.coreos.com/v1
      kind: ServiceMonitor
      metadata:
        name: churn-predictor
        namespace: churn
        labels:
          team: churn
      spec:
        selector:
          matchLabels:
            app: churn-predictor
        endpoints:
        - port: web
      """;

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir
  Path dir;
  DemoAssess demo;

  @BeforeEach
  void cluster() throws Exception {
    demo = new DemoAssess(client, dir);
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  DemoAssess.Run assess(String... args) {
    return demo.assess(args);
  }

  Path plan(String name, String yaml) throws Exception {
    Path plan = dir.resolve("plan");
    Files.createDirectories(plan.resolve(name).getParent());
    Files.writeString(plan.resolve(name), yaml);
    return plan;
  }

  @Test
  void suspendingFraudsScheduleDropsItFromTwoToOneAndExitsOne() throws Exception {
    DemoAssess.Run run = assess("--plan", plan("cron.yaml", SUSPEND_FRAUD_SCHEDULE).toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("fraud\\s+fraud-detector\\s+mlops-5-level\\s+2 → 1\\s+drops \\(Automated → Managed\\)")
        .contains("fraud/fraud-detector: scheduled-retraining Satisfied → Missing (level 2)", "suspend")
        .doesNotContain("churn-predictor");
    assertThat(run.err()).contains("drops 2 → 1: fraud/fraud-detector");
    assertThat(client.genericKubernetesResources("argoproj.io/v1alpha1", "CronWorkflow").inNamespace("fraud")
        .withName("fraud-detector-nightly").get().getAdditionalProperties().get("spec").toString())
        .as("nothing was applied").doesNotContain("suspend");
  }

  @Test
  void aDocumentAnnotatedDeleteDeletesItsObject() throws Exception {
    Path plan = plan("delete.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: fraud-detector-nightly
          namespace: fraud
          annotations: {maturity.mlops.dev/plan: delete}
        """);

    DemoAssess.Run run = assess("--plan", plan.toString(), "-o", "json");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    JsonNode fraud = new ObjectMapper().readTree(run.out()).path("targets").get(0);
    assertThat(fraud.path("name").asText()).isEqualTo("fraud-detector");
    assertThat(fraud.path("before").path("level").asInt()).isEqualTo(2);
    assertThat(fraud.path("after").path("level").asInt()).isEqualTo(1);
    assertThat(fraud.path("change").asText()).isEqualTo("drops");
    assertThat(fraud.path("capabilities").findValuesAsText("id")).contains("scheduled-retraining");
  }

  @Test
  void addingAServiceMonitorForChurnRaisesHealthMonitoring() throws Exception {
    DemoAssess.Run run = assess("--plan", plan("monitoring/churn.yaml", MONITOR_CHURN).toString(), "-o", "markdown");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("| churn | churn-predictor | mlops-5-level | 0 → 0 |",
        "- `health-monitoring` (level 1): Missing → **Satisfied**", "ServiceMonitor churn/churn-predictor scrapes Service churn-predictor port web",
        "not scraped the planned monitors yet");
  }

  @Test
  void onlyGetRequestsReachTheApiServer() throws Exception {
    while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
      // drop the requests that loaded the demo cluster
    }
    Path plan = plan("all.yaml", SUSPEND_FRAUD_SCHEDULE + "---\n" + MONITOR_CHURN);

    assertThat(assess("--plan", plan.toString()).exit()).isEqualTo(1);

    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
      requests.add(r);
    }
    assertThat(requests).isNotEmpty();
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.getMethod()).as(r.getRequestLine()).isEqualTo("GET");
      assertThat(r.getPath()).as(r.getRequestLine()).doesNotContain("watch=true");
    });
  }

  @Test
  void aBadPlanDocumentIsExitTwoNamingFileAndDocument() throws Exception {
    Path plan = plan("broken.yaml", SUSPEND_FRAUD_SCHEDULE + "---\napiVersion: v1\nkind: Service\nmetadata: {namespace: churn}\n");
    DemoAssess.Run run = assess("--plan", plan.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("broken.yaml document 2", "has no metadata.name");
    assertThat(run.out()).isEmpty();

    Files.writeString(plan.resolve("broken.yaml"), "apiVersion: v1\nkind: [unclosed\n");
    DemoAssess.Run yaml = assess("--plan", plan.toString());
    assertThat(yaml.exit()).isEqualTo(2);
    assertThat(yaml.err()).contains("broken.yaml document 1 is not valid YAML");

    assertThat(assess("--plan", dir.resolve("nowhere").toString()).err()).contains("does not exist");
    assertThat(assess("--plan", plan.toString(), "-o", "junit")).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("--plan prints table, json or markdown");
    });
  }

  @Test
  void failBelowGatesTheLevelAfterThePlan() throws Exception {
    Path plan = plan("monitoring/churn.yaml", MONITOR_CHURN);
    DemoAssess.Run gated = assess("--plan", plan.toString(), "--fail-below", "1");
    assertThat(gated.exit()).isEqualTo(1);
    assertThat(gated.err()).contains("below level 1 after the plan: churn/churn-predictor (0 → 0)");
    assertThat(assess("--plan", plan.toString(), "--fail-below", "0").exit()).isZero();
  }

  @Test
  void aPlanThatTouchesNoTargetChangesNothing() throws Exception {
    Path plan = plan("other.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: elsewhere}
        data: {a: b}
        """);
    DemoAssess.Run run = assess("--plan", plan.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("no target is affected by the plan, 6 other target(s) unchanged");
  }

  @Test
  void aPlannedMaturityTargetIsEvaluatedAsCreated() throws Exception {
    Path plan = plan("target.yaml", """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: fraud-google, namespace: fraud}
        spec:
          model: google-3-level
          targetLevel: 1
          workload:
            selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}
        """);
    DemoAssess.Run run = assess("--plan", plan.toString(), "-o", "json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode targets = new ObjectMapper().readTree(run.out()).path("targets");
    JsonNode created = null;
    for (JsonNode t : targets) {
      if (t.path("name").asText().equals("fraud-google")) {
        created = t;
      }
    }
    assertThat(created).isNotNull();
    assertThat(created.path("change").asText()).isEqualTo("created");
    assertThat(created.path("before").isNull()).isTrue();
    assertThat(created.path("model").asText()).isEqualTo("google-3-level");
  }
}
