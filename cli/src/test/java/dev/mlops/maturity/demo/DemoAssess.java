package dev.mlops.maturity.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.cli.MaturityCommand;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The demo cluster (six teams, demo MLflow and Prometheus) on a mock API server, driven through the assess command:
 * the one fixture of the tests that run `assess` against the demo (suggest-fixes, what-if).
 */
public final class DemoAssess implements AutoCloseable {
  public static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Run(int exit, String out, String err) {}

  private final KubernetesClient client;
  private final DemoIntegrations integrations;
  private final Path kubeconfig;
  private final Path config;

  public DemoAssess(KubernetesClient client, Path dir) throws IOException {
    this.client = client;
    DemoCluster.applyCrds(client, ROOT.resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(client, crd));
    DemoCluster.apply(client, DemoCluster.read(ROOT.resolve("examples/demo/cluster")));
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
  }

  public Run assess(String... args) {
    return assess(cli -> { }, args);
  }

  /** Runs assess after {@code setup} has prepared the command line (a test clock, say). */
  public Run assess(Consumer<CommandLine> setup, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    setup.accept(cli);
    List<String> all = new ArrayList<>(List.of("assess", "--kubeconfig", kubeconfig.toString(), "--config", config.toString()));
    all.addAll(List.of(args));
    return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  /** The assessment JSON of each target, by namespace. */
  public Map<String, JsonNode> assessments(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("-o", "json"));
    all.addAll(List.of(args));
    Run run = assess(all.toArray(String[]::new));
    if (run.exit() != 0) {
      throw new IllegalStateException("assess exited " + run.exit() + ": " + run.err());
    }
    Map<String, JsonNode> byNamespace = new LinkedHashMap<>();
    JSON.readTree(run.out()).path("assessments").forEach(a -> byNamespace.put(a.path("namespace").asText(), a));
    return byNamespace;
  }

  /** The documents of a YAML stream (comment-only documents skipped, as kubectl does). */
  public static List<GenericKubernetesResource> documents(String stream) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (String doc : stream.split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      out.add(Serialization.unmarshal(doc, GenericKubernetesResource.class));
    }
    return out;
  }

  /** Creates or replaces each object, as kubectl apply does for whole manifests. */
  public void apply(List<GenericKubernetesResource> objects) {
    objects.forEach(o -> client.resource(o).createOr(existing -> existing.update()));
  }

  public static String state(JsonNode assessment, String capability) {
    for (JsonNode c : assessment.path("capabilities")) {
      if (c.path("id").asText().equals(capability)) {
        return c.path("state").asText();
      }
    }
    return "absent";
  }

  public KubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The operator configuration file assess reads: the demo MLflow and Prometheus. */
  public Path config() {
    return config;
  }

  public DemoIntegrations integrations() {
    return integrations;
  }

  @Override
  public void close() {
    integrations.close();
  }
}
