package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.demo.DemoCluster;
import dev.mlops.maturity.demo.DemoIntegrations;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * assess --contexts / --all-contexts against two API servers: eu (the demo's six teams) and us (only
 * fraud and churn and the platform), one kubeconfig with a context for each and one for an API server that is down.
 */
class FleetAssessmentTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  private final List<KubernetesMockServer> servers = new java.util.ArrayList<>();
  private DemoIntegrations integrations;
  @TempDir
  Path dir;
  private Path kubeconfig;
  private Path config;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void clusters() throws Exception {
    KubernetesClient eu = cluster(Set.of());
    KubernetesClient us = cluster(Set.of("recsys", "pricing", "search", "ads"));
    integrations = new DemoIntegrations(ROOT.resolve("examples/demo/integrations"),
        kind -> eu.genericKubernetesResources("monitoring.coreos.com/v1", kind).inAnyNamespace().list().getItems());
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: eu, cluster: {server: "%s"}}
        - {name: us, cluster: {server: "%s"}}
        - {name: down, cluster: {server: "http://127.0.0.1:1"}}
        contexts:
        - {name: eu-1, context: {cluster: eu, user: u}}
        - {name: us-1, context: {cluster: us, user: u}}
        - {name: down-1, context: {cluster: down, user: u}}
        current-context: eu-1
        users: [{name: u, user: {token: test}}]
        """.formatted(eu.getMasterUrl(), us.getMasterUrl()));
    config = dir.resolve("config.yaml");
    Files.writeString(config, """
        integrations:
          prometheus: {default: {url: %s}}
          mlflow: {default: {url: %s}}
        """.formatted(integrations.prometheusUrl(), integrations.mlflowUrl()));
  }

  /** A CRUD API server with the demo objects except those in the {@code without} namespaces. */
  private KubernetesClient cluster(Set<String> without) throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesMixedDispatcher(new HashMap<>()), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    servers.add(server);
    KubernetesClient client = server.createClient();
    DemoCluster.applyCrds(client, ROOT.resolve("crds"));
    dev.mlops.maturity.demo.ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(client, crd));
    List<GenericKubernetesResource> objects = DemoCluster.read(ROOT.resolve("examples/demo/cluster")).stream()
        .filter(o -> o.getMetadata().getNamespace() == null || !without.contains(o.getMetadata().getNamespace())).toList();
    DemoCluster.apply(client, objects);
    return client;
  }

  @AfterEach
  void stop() {
    integrations.close();
    servers.forEach(KubernetesMockServer::destroy);
  }

  private Run assess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new java.util.ArrayList<>(List.of("assess", "--kubeconfig", kubeconfig.toString(), "--config", config.toString()));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void twoContextsGiveOneTableWithAClusterColumn() {
    Run run = assess("--contexts", "eu-1,us-1");
    System.out.print(run.out());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("CLUSTER").contains("NAMESPACE", "NAME", "OBSERVED", "TARGET-MET");
    assertThat(lines.stream().filter(l -> l.startsWith("eu-1 "))).hasSize(6);
    assertThat(lines.stream().filter(l -> l.startsWith("us-1 "))).hasSize(2)
        .anySatisfy(l -> assertThat(l).containsPattern("^us-1\\s+fraud\\s+fraud-detector\\s+mlops-5-level\\s+3\\s+2\\s"))
        .anySatisfy(l -> assertThat(l).containsPattern("^us-1\\s+churn\\s+"));
    assertThat(lines).hasSize(9);
  }

  @Test
  void allContextsReportsTheUnreachableOneAndStillPrintsTheOthers() {
    Run run = assess("--all-contexts", "--fail-below", "1");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains("error: context down-1: cannot reach the Kubernetes API at http://127.0.0.1:1/: connection refused");
    assertThat(run.out().lines().filter(l -> l.startsWith("eu-1 ") || l.startsWith("us-1 "))).hasSize(8);
    assertThat(run.err()).contains("below level 1: eu-1 churn/churn-predictor", "below level 1: us-1 churn/churn-predictor");
  }

  @Test
  void belowTheFailLevelInAnyClusterExitsOne() {
    assertThat(assess("--contexts", "us-1", "--fail-below", "1").exit()).isEqualTo(1);
    assertThat(assess("--contexts", "us-1", "-n", "fraud", "--fail-below", "2").exit()).isZero();
  }

  @Test
  void anUnknownContextOrAnotherFormatIsAClearError() {
    Run unknown = assess("--contexts", "eu-1,nope");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("error: context nope: the kubeconfig has no context named 'nope'");
    Run json = assess("--contexts", "eu-1", "-o", "json");
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.err()).contains("cannot be combined with -f, --context or -o json");
  }
}
