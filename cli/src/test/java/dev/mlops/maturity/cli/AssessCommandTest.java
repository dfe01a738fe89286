package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.demo.DemoAssess;
import dev.mlops.maturity.demo.DemoAssess.Run;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `assess` end to end against a mock API server loaded with the demo's six teams and the demo MLflow/Prometheus. */
@EnableKubernetesMockClient(crud = true)
class AssessCommandTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir
  Path dir;
  DemoAssess demo;
  Path kubeconfig;
  Path config;

  @BeforeEach
  void cluster() throws Exception {
    demo = new DemoAssess(client, dir);
    kubeconfig = demo.kubeconfig();
    config = demo.config();
  }

  @AfterEach
  void stop() {
    demo.close();
  }

  Run assess(String... args) {
    return demo.assess(args);
  }

  @Test
  void jsonMirrorsTheStatusAndEveryTeamIsAtItsLevel() throws Exception {
    Run run = assess("-o", "json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    Map<String, Integer> levels = new HashMap<>();
    json.path("assessments").forEach(a -> levels.put(a.path("namespace").asText(), a.path("observedLevel").asInt()));
    assertThat(levels).containsExactlyInAnyOrderEntriesOf(Map.of("churn", 0, "recsys", 1, "fraud", 2, "pricing", 3, "search", 4, "ads", 1));
    JsonNode fraudTarget = null;
    for (JsonNode a : json.path("assessments")) {
      if (a.path("namespace").asText().equals("fraud")) {
        fraudTarget = a;
      }
    }
    assertThat(fraudTarget.path("observedLevelName").asText()).isEqualTo("Automated");
    assertThat(fraudTarget.path("nextLevel").path("missing")).extracting(JsonNode::asText).contains("feature-store", "ab-testing");
    JsonNode schedule = null;
    for (JsonNode c : fraudTarget.path("capabilities")) {
      if (c.path("id").asText().equals("scheduled-retraining")) {
        schedule = c;
      }
    }
    assertThat(schedule.path("state").asText()).isEqualTo("Satisfied");
    assertThat(schedule.path("source").asText()).isEqualTo("observed");
    assertThat(schedule.path("evidence").toString()).contains("fraud/fraud-detector-nightly");
  }

  @Test
  void tableAndMarkdownFormats() {
    assertThat(assess("-A", "-n", "pricing")).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("-A and -n cannot be combined");
    });
    assertThat(assess("--context", "no-such-context")).satisfies(r -> assertThat(r.exit()).isEqualTo(2));
    assertThat(assess("--context", "mock", "-A", "-o", "table").out()).contains("churn-predictor", "search-ranker");
    Run table = assess("-o", "table", "-n", "pricing");
    assertThat(table.exit()).isZero();
    assertThat(table.out()).contains("NAMESPACE", "price-optimizer", "Governed").doesNotContain("fraud-detector");
    Run md = assess("-o", "markdown");
    assertThat(md.exit()).isZero();
    assertThat(md.out()).contains("# MLOps maturity assessment", "| search | search-ranker | mlops-5-level | 4 | 4 | 0 | Optimized | yes |",
        "## fraud/fraud-detector", "How to climb:");
  }

  @Test
  void failBelowExitsOneNamingTheTargetsBelow() {
    Run strict = assess("--fail-below", "2");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.err()).contains("below level 2: churn/churn-predictor", "below level 2: recsys/recsys-ranker")
        .doesNotContain("fraud/fraud-detector");
    assertThat(assess("--fail-below", "0").exit()).isZero();
    assertThat(assess("-n", "search", "--fail-below", "4").exit()).isZero();
  }

  @Test
  void aTargetFileIsEvaluatedAgainstTheCluster() throws Exception {
    Path file = dir.resolve("target.yaml");
    Files.writeString(file, """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: fraud-detector, namespace: fraud}
        spec:
          model: google-3-level
          targetLevel: 1
          workload:
            selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}
        ---
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: broken, namespace: fraud}
        spec:
          model: no-such-model
          targetLevel: 1
          workload: {selector: {}}
        """);
    Run run = assess("-f", file.toString(), "-o", "json", "--fail-below", "0");
    assertThat(run.exit()).as("the invalid target counts as below").isEqualTo(1);
    assertThat(run.out()).contains("\"model\" : \"google-3-level\"", "\"reason\" : \"UnknownModel\"");
  }

  @Test
  void badInputIsAClearErrorWithExitTwo() throws Exception {
    assertThat(assess("-o", "xml")).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("--output must be table, json, yaml, markdown, junit or sarif");
    });
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "# nothing\n");
    assertThat(assess("-f", empty.toString())).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("contains no MaturityTarget");
    });
    Files.writeString(config, "integrations: {prometheus: {default: {url: 'ftp://x'}}}\n");
    assertThat(assess()).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).contains("must be an http(s) server root");
    });
  }

  @Test
  void unreachableApiServerIsExitTwo() throws Exception {
    Files.writeString(kubeconfig, Files.readString(kubeconfig).replaceAll("https?://localhost:\\d+", "http://127.0.0.1:1"));
    Run run = assess();
    assertThat(run.exit()).as(Files.readString(kubeconfig) + run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains("error: cannot reach the Kubernetes API at http://127.0.0.1:1/: connection refused");
  }

  @Test
  void aTargetFileWithAnUnreachableApiServerIsExitTwoAtOnce() throws Exception {
    Path file = dir.resolve("target.yaml");
    Files.writeString(file, """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: fraud-detector, namespace: fraud}
        spec:
          targetLevel: 1
          workload:
            selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}
        """);
    Files.writeString(kubeconfig, Files.readString(kubeconfig).replaceAll("https?://localhost:\\d+", "http://127.0.0.1:1"));

    long started = System.nanoTime();
    Run run = assess("-f", file.toString(), "--fail-below", "0");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains("error: cannot reach the Kubernetes API at http://127.0.0.1:1/: connection refused");
    assertThat(run.out()).as("no report of Unknowns").isEmpty();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(8));
  }

  @Test
  void aReadTheApiServerFailsMakesTheRunExitTwoNamingIt() {
    server.expect().get().withPath("/apis/apps/v1/namespaces/fraud/deployments").andReturn(500, "etcd timeout").always();

    Run run = assess("-n", "fraud", "-o", "json");

    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("failed", "Deployment in fraud", "HTTP 500", "incomplete").doesNotContain("etcd timeout");
    assertThat(run.out()).as("the report is still printed").contains("fraud-detector");
  }

  @Test
  void failBelowWithNoTargetFoundIsExitTwo() {
    Run misspelt = assess("-n", "frauf", "--fail-below", "1");
    assertThat(misspelt.exit()).isEqualTo(2);
    assertThat(misspelt.err()).contains("no MaturityTargets found in namespace frauf", "--fail-below 1 with no MaturityTarget");
    assertThat(assess("-n", "frauf").exit()).as("without a gate an empty namespace is not an error").isZero();
  }

  @Test
  void aTargetFileMayBeTheListKubectlWrites() throws Exception {
    Path file = dir.resolve("targets.yaml");
    // the shape of `kubectl get maturitytargets -A -o yaml`: kind List, items with status and server fields
    Files.writeString(file, """
        apiVersion: v1
        kind: List
        metadata:
          resourceVersion: ""
        items:
        - apiVersion: maturity.mlops.dev/v1alpha1
          kind: MaturityTarget
          metadata: {name: fraud-detector, namespace: fraud, resourceVersion: "4711", uid: 0b7c1f4e-0000-4000-8000-000000000001}
          spec:
            model: google-3-level
            targetLevel: 1
            workload:
              selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}
          status: {observedLevel: 1}
        - apiVersion: maturity.mlops.dev/v1alpha1
          kind: MaturityTarget
          metadata: {name: broken, namespace: fraud}
          spec:
            model: no-such-model
            targetLevel: 1
            workload: {selector: {}}
        """);

    Run run = assess("-f", file.toString(), "-o", "json");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"name\" : \"fraud-detector\"", "\"model\" : \"google-3-level\"", "\"name\" : \"broken\"",
        "\"reason\" : \"UnknownModel\"");
  }

  @Test
  void aTargetFileIsReadWithARealYamlParser() throws Exception {
    Path file = dir.resolve("targets.yaml");
    Files.writeString(file, """
        --- # the fraud team's target
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata:
          name: fraud-detector   # a comment
          namespace: fraud
        spec:
          model: google-3-level
          targetLevel: 1
          workload:
            selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}
        ...
        ---   # a trailing empty document
        """);
    Run run = assess("-f", file.toString(), "-o", "json");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"name\" : \"fraud-detector\"", "\"model\" : \"google-3-level\"");
  }

  @Test
  void aTargetFileLargerThanSnakeYamlsThreeMegabytesIsRead() throws Exception {
    StringBuilder yaml = new StringBuilder("apiVersion: maturity.mlops.dev/v1alpha1\nkind: MaturityTarget\n"
        + "metadata: {name: fraud-detector, namespace: fraud, annotations: {note: \"");
    yaml.append("x".repeat(4 * 1024 * 1024)).append("\"}}\nspec:\n  model: google-3-level\n  targetLevel: 1\n"
        + "  workload: {selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}}\n");
    Path file = Files.writeString(dir.resolve("big.yaml"), yaml);

    Run run = assess("-f", file.toString(), "-o", "json");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"model\" : \"google-3-level\"");
  }

  @Test
  void aFailBelowOutsideTheModelsRangeIsRejected() {
    Run negative = assess("--fail-below", "-1");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err()).contains("--fail-below must be a level");

    Run aboveEveryModel = assess("--fail-below", "7");
    assertThat(aboveEveryModel.exit()).isEqualTo(2);
    assertThat(aboveEveryModel.err()).contains("--fail-below 7 is above the highest level (4)");
  }

  @Test
  void junitOutputHasOneTestcasePerTargetFailingBelowItsTarget() throws Exception {
    Run run = assess("-o", "junit");
    assertThat(run.exit()).isZero();
    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(run.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    var cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(6);
    java.util.Map<String, Boolean> failing = new java.util.TreeMap<>();
    for (int i = 0; i < cases.getLength(); i++) {
      var c = (org.w3c.dom.Element) cases.item(i);
      failing.put(c.getAttribute("classname") + "/" + c.getAttribute("name"), c.getElementsByTagName("failure").getLength() > 0);
    }
    assertThat(failing).containsEntry("search/search-ranker", false).containsEntry("fraud/fraud-detector", true);
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo(String.valueOf(failing.values().stream().filter(b -> b).count()));
  }
}
