package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.demo.DemoAssess;
import dev.mlops.maturity.demo.DemoCluster;
import dev.mlops.maturity.testing.TestClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `assess` end to end with the custom model examples/models/retrained-recently.yaml (training-pipeline
 * exercisedWithin 14d) against the demo cluster, whose fraud training run finished 2026-11-22T01:41:10Z.
 */
@EnableKubernetesMockClient(crud = true)
class AssessExercisedTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir
  Path dir;
  DemoAssess demo;
  Path target;

  @BeforeEach
  void cluster() throws Exception {
    demo = new DemoAssess(client, dir);
    DemoCluster.apply(client, DemoCluster.read(DemoAssess.ROOT.resolve("examples/models/retrained-recently.yaml")));
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
    demo.close();
  }

  JsonNode assessAt(String now) throws Exception {
    DemoAssess.Run run = demo.assess(cli -> ((AssessCommand) cli.getSubcommands().get("assess").getCommand()).clock = TestClock.at(now),
        "-f", target.toString(), "-o", "json");
    assertThat(run.exit()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out()).path("assessments").get(0);
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
