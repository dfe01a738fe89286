package dev.mlops.maturity.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl (Debian kubernetes-client) against the demo's API server: discovery, short names, printer columns. */
class KubectlAgainstDemoTest {
  private KubernetesMockServer server;
  private KubernetesClient client;
  private Path kubeconfig;

  @BeforeEach
  void start(@TempDir Path tmp) throws IOException {
    Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubectlDiscovery(IndexedCrudDispatcher.mixed(new HashMap<>()), clock), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
    DemoCluster.applyCrds(client, projectRoot().resolve("crds"));
    kubeconfig = DemoKubeconfig.write(tmp.resolve("kubeconfig"), client.getMasterUrl().toString());

    MaturityTarget target = Serialization.unmarshal("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityTarget
        metadata: {name: fraud-detector, namespace: fraud}
        spec:
          model: mlops-5-level
          targetLevel: 3
          workload: {selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}}
        """, MaturityTarget.class);
    MaturityTarget created = client.resource(target).create();
    MaturityTargetStatus status = new MaturityTargetStatus();
    status.observedLevel = 2;
    status.observedLevelName = "Automated";
    status.provenLevel = 1;
    status.targetMet = false;
    status.conditions = List.of(condition("Ready", "True"), condition("Degraded", "False"), condition("Regressed", "True"));
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void kubectlListsTargetsByShortNameWithThePrinterColumns() {
    String out = kubectl("get", "mt", "-A");

    assertThat(out.lines().findFirst().orElse("")).as("header").containsSubsequence("NAMESPACE", "NAME", "MODEL", "TARGET", "READY",
        "OBSERVED", "LEVEL", "PROVEN", "TARGET-MET", "AGE").doesNotContain("DEGRADED");
    assertThat(out).containsPattern("fraud\\s+fraud-detector\\s+mlops-5-level\\s+3\\s+True\\s+2\\s+Automated\\s+1\\s+false");
  }

  @Test
  void wideOutputAddsDegradedAndRegressed() {
    String out = kubectl("get", "maturitytargets", "-n", "fraud", "-o", "wide");

    assertThat(out.lines().findFirst().orElse("")).contains("DEGRADED", "REGRESSED");
    assertThat(out).containsPattern("fraud-detector\\s+.*False.*True");
  }

  @Test
  void kubectlFindsTheResourcesThroughDiscovery() {
    assertThat(kubectl("api-resources", "--api-group=maturity.mlops.dev"))
        .containsPattern("maturitytargets\\s+mt\\s+maturity.mlops.dev/v1alpha1\\s+true\\s+MaturityTarget")
        .containsPattern("maturitymodels\\s+mm\\s+maturity.mlops.dev/v1alpha1\\s+false\\s+MaturityModel");
  }

  private static Condition condition(String type, String status) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason("Test").withMessage("")
        .withLastTransitionTime("2026-12-01T00:00:00Z").build();
  }

  private String kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(locate().toString(), "--kubeconfig", kubeconfig.toString(), "--request-timeout=20s"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
      assertThat(p.exitValue()).as("kubectl %s exit code; output:%n%s", String.join(" ", args), out).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Path locate() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    if (System.getenv("CI") != null && !System.getenv("CI").isEmpty()) {
      throw new AssertionError("kubectl is not installed; .ci/run installs Debian's kubernetes-client");
    }
    assumeTrue(false, "kubectl is not installed (apt-get install kubernetes-client); CI runs these tests");
    return null;
  }

  static Path projectRoot() {
    return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  }
}
