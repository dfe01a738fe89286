package dev.mlops.maturity.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The rule groups of the chart's rendered PrometheusRule (prometheusRule.enabled=true), as a plain
 * Prometheus rule file; tests may shorten an alert's {@code for:} in their copy, never in the chart.
 */
final class RenderedRules {
  private final ObjectNode groups;

  private RenderedRules(ObjectNode groups) {
    this.groups = groups;
  }

  static RenderedRules render() {
    List<HasMetadata> rendered = ChartFixture.parse(ChartFixture.template(null, Map.of("prometheusRule.enabled", true)));
    GenericKubernetesResource rule = rendered.stream().filter(o -> "PrometheusRule".equals(o.getKind()) && ChartFixture.FULLNAME.equals(o.getMetadata().getName()))
        .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow(() -> new AssertionError("no PrometheusRule rendered"));
    return new RenderedRules(ChartFixture.YAML.valueToTree(rule.getAdditionalProperties().get("spec")));
  }

  /** A test-only override: the named rule waits {@code duration} (e.g. "3s") instead of its shipped {@code for:}. */
  RenderedRules withFor(String alert, String duration) {
    rule(alert).put("for", duration);
    return this;
  }

  ObjectNode rule(String alert) {
    for (JsonNode group : groups.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (alert.equals(rule.path("alert").asText())) {
          return (ObjectNode) rule;
        }
      }
    }
    throw new AssertionError("no rule " + alert + " in the rendered PrometheusRule");
  }

  Path writeTo(Path file) throws IOException {
    ChartFixture.YAML.writeValue(file.toFile(), groups);
    return file;
  }
}
