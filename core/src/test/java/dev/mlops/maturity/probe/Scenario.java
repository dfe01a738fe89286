package dev.mlops.maturity.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A golden scenario folder: {@code cluster.yaml} (objects in, upstream shapes) and {@code expected.yaml}:
 * <pre>
 * target: {namespace: fraud, name: fraud-detector, registeredModel: fraud-detector,
 *          selector: {matchLabels: {app.kubernetes.io/part-of: fraud-detector}}}   # omit for platform-only scenarios
 * notInstalled: [argoproj.io/Rollout]      # kinds whose CRD is absent
 * forbidden: [flagger.app/Canary]          # kinds that answer 403
 * failing: [networking.istio.io/VirtualService]  # kinds that answer 500
 * expect:
 *   canary-deployment: {state: Satisfied, reference: "argoproj.io/Rollout fraud/fraud-detector", message: "canary"}
 * </pre>
 * {@code reference} and {@code message} are substrings that must appear.
 */
public record Scenario(String name, Path dir, InMemoryClusterView cluster, WorkloadTarget target, Map<String, Expectation> expect) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public record Expectation(String state, String reference, String message) {}

  public static List<Scenario> under(String family) {
    Path root = Path.of("src/test/resources/scenarios", family);
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("no scenarios under " + root.toAbsolutePath());
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).sorted().map(Scenario::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Scenario load(Path dir) {
    try {
      InMemoryClusterView cluster = new InMemoryClusterView();
      Path objects = dir.resolve("cluster.yaml");
      if (Files.exists(objects)) {
        cluster.addYaml(Files.readString(objects));
      }
      JsonNode expected = YAML.readTree(dir.resolve("expected.yaml").toFile());
      expected.path("notInstalled").forEach(k -> cluster.notInstalled(InMemoryClusterView.kindNamed(k.asText())));
      expected.path("forbidden").forEach(k -> cluster.forbidden(InMemoryClusterView.kindNamed(k.asText())));
      expected.path("failing").forEach(k -> cluster.failing(InMemoryClusterView.kindNamed(k.asText()), "500 Internal Server Error"));
      WorkloadTarget target = null;
      JsonNode t = expected.path("target");
      if (t.isObject()) {
        LabelSelector selector = YAML.treeToValue(t.path("selector"), LabelSelector.class);
        target = new WorkloadTarget(t.path("namespace").asText(), t.path("name").asText(), selector,
            t.path("registeredModel").asText(t.path("name").asText()), "default", "default", Duration.ofMinutes(5));
      }
      Map<String, Expectation> expect = new LinkedHashMap<>();
      List<String> ids = new ArrayList<>();
      expected.path("expect").fieldNames().forEachRemaining(ids::add);
      for (String id : ids) {
        JsonNode e = expected.path("expect").path(id);
        expect.put(id, new Expectation(e.path("state").asText(), e.path("reference").asText(null), e.path("message").asText(null)));
      }
      return new Scenario(dir.getFileName().toString(), dir, cluster, target, expect);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load scenario " + dir, e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
