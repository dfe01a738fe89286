package dev.mlops.maturity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.cli.MaturityCommand;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/** The real kubectl applies the stream that {@code assess --suggest-fixes -o yaml} writes for the demo cluster. */
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
    Path kubectl = KubectlAgainstDemoTest.locate();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubectlDiscovery(IndexedCrudDispatcher.mixed(new HashMap<>()), Clock.fixed(Instant.now(), ZoneOffset.UTC)), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    KubernetesClient client = server.createClient();
    Path root = KubectlAgainstDemoTest.projectRoot();
    DemoCluster.applyCrds(client, root.resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(client, crd));
    DemoCluster.apply(client, DemoCluster.read(root.resolve("examples/demo/cluster")));
    Path kubeconfig = DemoKubeconfig.write(tmp.resolve("kubeconfig"), client.getMasterUrl().toString());

    StringWriter out = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute("assess", "--kubeconfig", kubeconfig.toString(), "--suggest-fixes", "-o", "yaml")).isZero();
    Path stream = tmp.resolve("fixes.yaml");
    Files.writeString(stream, out.toString());

    Process p = new ProcessBuilder(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString(), "--request-timeout=20s",
        "apply", "--validate=false", "-f", stream.toString())).redirectErrorStream(true).start();
    String applied = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(applied).isZero();
    assertThat(applied).contains("servicemonitor.monitoring.coreos.com/churn-predictor created",
        "sensor.argoproj.io/fraud-detector-retrain-on-drift created");
    assertThat(client.genericKubernetesResources("argoproj.io/v1alpha1", "EventSource").inNamespace("fraud")
        .withName("fraud-detector-alerts").get()).isNotNull();
  }
}
