package dev.mlops.maturity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.cli.MaturityCommand;
import dev.mlops.maturity.demo.ThirdPartyCrds;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import dev.mlops.maturity.reconciler.MockCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 in a JVM of its own with a 256 MiB heap, as a pod runs it: beside every hostile object of the
 * issue the operator reconciles a neighbour within seconds; at TRACE the Fabric8 HTTP trace never prints a
 * token Secret; SIGTERM stops `run` cleanly with exit code 0.
 */
class ChildJvmTest {
  private static final String TOKEN = "tok-SECRET-5f1e2d";

  @TempDir
  Path dir;
  HostileCluster cluster;
  Process child;
  final StringBuffer output = new StringBuffer();

  @BeforeEach
  void start() {
    cluster = HostileCluster.start();
    cluster.createTwoTeams();
    cluster.create(MockCluster.target("team-a", "fraud", "mlops-5-level", 2, MockCluster.FRAUD));
  }

  @AfterEach
  void stop() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
    cluster.close();
  }

  private Process launch(List<String> jvmFlags, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MaturityCommand.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (InputStream in = p.getInputStream()) {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // the child ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return p;
  }

  @Test
  void atTraceLevelTheHttpTraceNeverPrintsTheTokenSecret() throws Exception {
    cluster.client.resource(new SecretBuilder().withNewMetadata().withName("mlflow-reader").withNamespace("default").endMetadata()
        .addToData("token", Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))).build()).create();
    Path config = Files.writeString(dir.resolve("config.yaml"), """
        integrations:
          mlflow:
            default:
              url: http://127.0.0.1:9
              tokenSecretRef: {name: mlflow-reader, namespace: default, key: token}
        """);

    child = launch(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"),
        "assess", "--kubeconfig", cluster.kubeconfig(dir).toString(), "--config", config.toString());

    assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String out = output.toString();
    assertThat(out).as("the trace is on for other requests").contains("HTTP START");
    assertThat(cluster.requests).as("the Secret was read").anyMatch(r -> r.contains("/secrets/mlflow-reader"));
    assertThat(out).doesNotContain(TOKEN).doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
  }

  /** Every hostile object of issue 19, in the attacker's namespace. */
  private void plantHostileObjects() throws Exception {
    for (var kind : List.of(KindCatalogue.PROMETHEUS_RULE, KindCatalogue.ROLLOUT, KindCatalogue.ANALYSIS_TEMPLATE)) {
      cluster.client.resource(ThirdPartyCrds.crd(kind)).create();
    }
    for (String[] h : BadNeighbourTest.HOSTILE) {
      cluster.createRaw("apiVersion: maturity.mlops.dev/v1alpha1\nkind: MaturityTarget\nmetadata: {name: " + h[0]
          + ", namespace: attacker}\n" + h[2]);
    }
    String alternatives = IntStream.range(0, 150).mapToObj(i -> "pod-" + i).collect(Collectors.joining("|"));
    cluster.createModel("""
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata: {name: bombs, namespace: attacker}
        spec:
          groups:
          - name: g
            rules:
            - {alert: Deep, expr: 'up{pod=~"%s"} == 0'}
            - {alert: Backtrack, expr: 'up{namespace=~"%sX"} == 0'}
        """.formatted(alternatives, ".*".repeat(200)));
    String rollout = Files.readString(Path.of(System.getProperty("project.root", ".."),
        "core/src/test/resources/scenarios/serving/rollback-rollout-template-dry-run/cluster.yaml"))
        .replace("namespace: fraud", "namespace: attacker").replace("- metricName: .*", "- metricName: '" + ".*".repeat(40) + "X'");
    for (String doc : rollout.split("(?m)^---\\s*$")) {
      cluster.createModel(doc);
    }
    GenericKubernetesResource cron = MockCluster.cronWorkflow("attacker", "schedules", Map.of("app", "x"), false);
    cron.getAdditionalProperties().put("spec", Map.of("schedules", Collections.nCopies(10_000, "0 3 * * 1-5")));
    cluster.client.genericKubernetesResources(MockCluster.CRON_WORKFLOWS).inNamespace("attacker").resource(cron).create();
    for (int i = 0; i < 5; i++) {
      cluster.create(MockCluster.target("attacker", "t" + i, "mlops-5-level", 3,
          Map.of("app.kubernetes.io/part-of", "fraud-detector")));
    }
  }

  @Test
  void underASmallHeapTheOperatorReconcilesANeighbourWithinSecondsBesideEveryHostileObject() throws Exception {
    plantHostileObjects();
    child = launch(List.of(), "run", "--kubeconfig", cluster.kubeconfig(dir).toString(), "--no-leader-election", "--metrics-port", "0");
    await().atMost(Duration.ofMinutes(2)).until(() -> output.toString().contains("operator started") || !child.isAlive());
    assertThat(child.isAlive()).as(output.toString()).isTrue();

    cluster.create(MockCluster.target("team-b", "churn", "mlops-5-level", 2, MockCluster.CHURN));

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> cluster.level("team-b", "churn") != null);
    assertThat(child.isAlive()).isTrue();
    assertThat(output.toString()).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError");
  }

  @Test
  void sigtermStopsRunCleanlyWithExitCodeZero() throws Exception {
    child = launch(List.of(), "run", "--kubeconfig", cluster.kubeconfig(dir).toString(), "--no-leader-election", "--metrics-port", "0");

    await().atMost(Duration.ofMinutes(2)).until(() -> output.toString().contains("operator started") || !child.isAlive());
    assertThat(child.isAlive()).as(output.toString()).isTrue();
    child.destroy(); // SIGTERM

    assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(child.exitValue()).as(output.toString()).isZero();
  }
}
