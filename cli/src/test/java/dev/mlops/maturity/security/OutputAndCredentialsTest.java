package dev.mlops.maturity.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.reconciler.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 findings 4 and 5: no credentials in output (a URL with user-info is refused, never echoed),
 * bounded output (10,000 schedules make a short message) and escaped output ({@code -o markdown} never
 * passes {@code <script>}).
 */
class OutputAndCredentialsTest {
  @TempDir
  Path dir;
  HostileCluster cluster;

  @BeforeEach
  void start() {
    cluster = HostileCluster.start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aUrlCarryingCredentialsIsRefusedAndNotEchoed() throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), "integrations:\n  mlflow: {default: {url: \"http://admin:s3cr3t-pw@127.0.0.1:9\"}}\n");

    Commands run = Commands.run("assess", "--kubeconfig", cluster.kubeconfig(dir).toString(), "--config", config.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("integrations.mlflow.default.url").contains("basicAuthSecretRef").doesNotContain("s3cr3t-pw");
    assertThat(run.out()).doesNotContain("s3cr3t-pw");
  }

  @Test
  void markdownEscapesHtmlFromTheTargetAndItsReasons() throws Exception {
    Path file = Files.writeString(dir.resolve("targets.yaml"), """
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: "<img src=x onerror=alert(1)>", namespace: team-a}
        spec:
          targetLevel: 1
          workload: {selector: {matchLabels: {app: x}}}
          waivers:
          - {capability: scheduled-retraining, reason: "<script>alert(document.cookie)</script>", expires: "%s"}
        """.formatted(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30)));

    Commands run = Commands.run("assess", "--kubeconfig", cluster.kubeconfig(dir).toString(), "-f", file.toString(), "-o", "markdown");

    assertThat(run.out()).as(run.err()).contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("<img");
  }

  @Test
  void tenThousandSchedulesMakeABoundedMessage() {
    GenericKubernetesResource cron = MockCluster.cronWorkflow("team-a", "retrain", Map.of("app", "fraud"), false);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = new java.util.HashMap<>((Map<String, Object>) cron.getAdditionalProperties().get("spec"));
    spec.put("schedules", Collections.nCopies(10_000, "0 3 * * 1-5"));
    cron.getAdditionalProperties().put("spec", spec);
    WorkloadTarget target = new WorkloadTarget("team-a", "fraud", new LabelSelectorBuilder().withMatchLabels(Map.of("app", "fraud")).build(),
        "fraud", "default", "default", Duration.ofMinutes(5));

    Evidence e = new EvidenceCollector(ProbeSet.standard(), ProbeSettings.DEFAULTS, Clock.systemUTC())
        .workload(target, new InMemoryClusterView().add(cron), ExternalSources.NONE, Map.of(), Set.of("scheduled-retraining"))
        .get("scheduled-retraining");

    assertThat(e.message().length()).as("message of 10,000 schedules").isLessThanOrEqualTo(1024);
    assertThat(String.join("", e.references()).length()).isLessThan(8_000);
  }
}
