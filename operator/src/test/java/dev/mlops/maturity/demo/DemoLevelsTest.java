package dev.mlops.maturity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo cluster lands each team on the level examples/README.md promises, through the real probes and HTTP clients. */
class DemoLevelsTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  static List<GenericKubernetesResource> objects;
  static DemoIntegrations integrations;

  @BeforeAll
  static void load() throws Exception {
    objects = DemoCluster.read(ROOT.resolve("examples/demo/cluster"));
    InMemoryClusterView view = new InMemoryClusterView();
    objects.forEach(view::add);
    integrations = new DemoIntegrations(ROOT.resolve("examples/demo/integrations"),
        kind -> objects.stream().filter(o -> kind.equals(o.getKind())).toList());
  }

  @AfterAll
  static void stop() {
    integrations.close();
  }

  @Test
  void everyTeamLandsOnItsDocumentedLevel() {
    InMemoryClusterView view = new InMemoryClusterView();
    objects.forEach(view::add);
    OperatorConfig config = new OperatorConfig(Map.of("default", new Endpoint(integrations.prometheusUrl(), null)),
        Map.of("default", new Endpoint(integrations.mlflowUrl(), null)), ProbeSettings.DEFAULTS, List.of());
    ExternalSources external = HttpExternalSources.create(config, ref -> Optional.empty(), ScenarioAssertions.FIXED);
    TargetAssessor assessor = new TargetAssessor(new EvidenceCollector(ProbeSet.standard(), ProbeSettings.DEFAULTS,
        ScenarioAssertions.FIXED), ScenarioAssertions.FIXED);
    Map<String, Evidence> platform = assessor.platformEvidence(view, external);

    Map<String, Integer> levels = new java.util.TreeMap<>();
    StringBuilder why = new StringBuilder();
    for (GenericKubernetesResource o : objects) {
      if (!DemoCluster.isTarget(o)) {
        continue;
      }
      MaturityTarget t = Serialization.unmarshal(Serialization.asJson(o), MaturityTarget.class);
      TargetAssessment a = assessor.assess(t, new ClusterModels(BuiltInModels.load(), view), view, external, platform, PreviousEvaluation.NONE);
      assertThat(a.problems()).as(t.getMetadata().getName()).isEmpty();
      levels.put(t.getMetadata().getNamespace(), a.assessment().orElseThrow().observedLevel());
      why.append(t.getMetadata().getNamespace()).append(": ").append(a.assessment().orElseThrow().capabilities().stream()
          .filter(c -> !c.evidence().holds() && !c.recommended())
          .map(c -> c.id() + "=" + c.evidence().state() + "(" + c.evidence().message() + ")").collect(Collectors.joining("; ")))
          .append('\n');
    }
    assertThat(levels).as(why.toString())
        .containsExactlyInAnyOrderEntriesOf(Map.of("churn", 0, "recsys", 1, "fraud", 2, "pricing", 3, "search", 4, "ads", 1));
  }
}
