package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.demo.DemoCluster;
import dev.mlops.maturity.demo.DemoIntegrations;
import dev.mlops.maturity.demo.ThirdPartyCrds;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.testing.TestClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `assess` end to end with the custom model examples/models/retrained-recently.yaml (training-pipeline
 * exercisedWithin 14d) against the demo cluster, whose fraud training run finished 2026-11-22T01:41:10Z.
 */
@EnableKubernetesMockClient(crud = true)
class AssessExercisedTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir
  Path dir;
  DemoIntegrations integrations;
  Path kubeconfig;
  Path config;
  Path target;

  @BeforeEach
  void cluster() throws Exception {
    DemoCluster.applyCrds(client, ROOT.resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(client, crd));
    DemoCluster.apply(client, DemoCluster.read(ROOT.resolve("examples/demo/cluster")));
    DemoCluster.apply(client, DemoCluster.read(ROOT.resolve("examples/models/retrained-recently.yaml")));
    integrations = new DemoIntegrations(ROOT.resolve("examples/demo/integrations"),
        kind -> client.genericKubernetesResources("monitoring.coreos.com/v1", kind).inAnyNamespace().list().getItems());
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
        current-context: mock
        users: [{name: mock, user: {token: test}}]
        """.formatted(client.getMasterUrl()));
    config = dir.resolve("config.yaml");
    Files.writeString(config, """
        integrations:
          prometheus: {default: {url: %s}}
          mlflow: {default: {url: %s}}
        """.formatted(integrations.prometheusUrl(), integrations.mlflowUrl()));
    target = dir.resolve("target.yaml");
    Files.writeString(target, """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: fraud-detector, namespace: fraud}
        spec:
          model: retrained-recently
          targetLevel: 2
          workload:
            selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}
            registeredModel: fraud-detector
        """);
  }

  @AfterEach
  void stop() {
    integrations.close();
  }

  JsonNode assessAt(String now) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    ((AssessCommand) cli.getSubcommands().get("assess").getCommand()).clock = TestClock.at(now);
    int exit = cli.execute("assess", "--kubeconfig", kubeconfig.toString(), "--config", config.toString(), "-f", target.toString(), "-o", "json");
    assertThat(exit).as(err.toString()).isZero();
    return new ObjectMapper().readTree(out.toString()).path("assessments").get(0);
  }

  static JsonNode capability(JsonNode assessment, String id) {
    for (JsonNode c : assessment.path("capabilities")) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no capability " + id + " in " + assessment);
  }

  @Test
  void aRunWithinTheWindowReachesTheLevelAndTheSameRunLaterDoesNot() throws Exception {
    JsonNode fresh = assessAt("2026-11-30T00:00:00Z");
    assertThat(fresh.path("model").asText()).isEqualTo("retrained-recently");
    assertThat(fresh.path("observedLevel").asInt()).as(fresh.toString()).isEqualTo(2);
    JsonNode training = capability(fresh, "training-pipeline");
    assertThat(training.path("state").asText()).isEqualTo("Satisfied");
    assertThat(training.path("lastExercised").asText()).isEqualTo("2026-11-22T01:41:10Z");

    JsonNode stale = assessAt("2026-12-20T00:00:00Z");
    assertThat(stale.path("observedLevel").asInt()).isEqualTo(1);
    JsonNode staleTraining = capability(stale, "training-pipeline");
    assertThat(staleTraining.path("state").asText()).isEqualTo("Missing");
    assertThat(staleTraining.path("message").asText())
        .startsWith("configured, not exercised since 2026-11-22T01:41:10Z by argoproj.io/Workflow fraud/fraud-detector-nightly-1763773200");
    assertThat(stale.path("nextLevel").path("missing")).extracting(JsonNode::asText).containsExactly("training-pipeline");
  }
}
