package dev.mlops.maturity.fixes;

import dev.mlops.maturity.demo.DemoAssess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.maturity.demo.IndexedCrudDispatcher;
import dev.mlops.maturity.demo.KubectlDiscovery;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl (Debian kubernetes-client) applies the stream {@code assess --suggest-fixes -o yaml} writes for the demo. */
class KubectlAppliesSuggestedFixesTest {
  private KubernetesMockServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroy();
    }
  }

  @Test
  void kubectlApplyCreatesEverySuggestedObject(@TempDir Path tmp) throws Exception {
    Path kubectl = Path.of("/usr/bin/kubectl");
    assumeTrue(Files.isExecutable(kubectl) || System.getenv("CI") != null, "kubectl is not installed (apt-get install kubernetes-client)");
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubectlDiscovery(IndexedCrudDispatcher.mixed(new HashMap<>()), Clock.fixed(Instant.now(), ZoneOffset.UTC)), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    try (DemoAssess demo = new DemoAssess(server.createClient(), tmp)) {
      DemoAssess.Run yaml = demo.assess("--suggest-fixes", "-o", "yaml");
      assertThat(yaml.exit()).as(yaml.err()).isZero();
      Path stream = tmp.resolve("fixes.yaml");
      Files.writeString(stream, yaml.out());
      // --validate=false: the in-process API server publishes no OpenAPI document; the schemas are checked by SuggestFixesClosedLoopTest
      Process p = new ProcessBuilder(List.of(kubectl.toString(), "--kubeconfig", demo.kubeconfig().toString(), "--request-timeout=20s",
          "apply", "--validate=false", "-f", stream.toString())).redirectErrorStream(true).start();
      String applied = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(applied).isZero();
      assertThat(applied.lines()).containsExactlyInAnyOrder("service/churn-predictor created",
          "servicemonitor.monitoring.coreos.com/churn-predictor created", "prometheusrule.monitoring.coreos.com/fraud-detector-drift created",
          "eventsource.argoproj.io/fraud-detector-alerts created", "sensor.argoproj.io/fraud-detector-retrain-on-drift created");
      assertThat(DemoAssess.state(demo.assessments("-n", "fraud").get("fraud"), "drift-triggered-retraining")).isEqualTo("Satisfied");
    }
  }
}
