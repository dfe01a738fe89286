package dev.mlops.maturity.probe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonitoringProbesTest {
  @Test
  void everyProbeDecidesACatalogueCapabilityOfTheSameScope() {
    List<Probe> probes = MonitoringProbes.all();

    assertThat(probes).extracting(Probe::capability).containsExactly("health-monitoring", "alerting", "drift-monitoring", "gpu-utilisation");
    probes.forEach(p -> assertThat(CapabilityCatalogue.get(p.capability()).scope()).as(p.capability()).isEqualTo(p.scope()));
    assertThat(new ProbeSet(probes).all()).hasSize(4);
  }

  /** The operator watches and the chart grants exactly reads(): a probe must list nothing else. */
  @Test
  void probesListOnlyTheKindsTheyDeclare() {
    for (Scenario s : Scenario.under("monitoring")) {
      for (Probe p : MonitoringProbes.all()) {
        Set<ResourceKind> listed = new HashSet<>();
        ClusterView recording = (kind, namespace) -> {
          listed.add(kind);
          return s.cluster().list(kind, namespace);
        };
        EvidenceCollector collector = new EvidenceCollector(new ProbeSet(List.of(p)), ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED);
        var platform = collector.platform(recording, FakePrometheusApi.forScenario(s.dir()));
        if (s.target() != null) {
          collector.workload(s.target(), recording, FakePrometheusApi.forScenario(s.dir()), platform, Set.of(p.capability()));
        }
        assertThat(p.reads()).as("%s in %s", p.capability(), s.name()).containsAll(listed);
      }
    }
  }

  @Test
  void aListingFailureIsNeverAnException() {
    ClusterView broken = (kind, namespace) -> Listing.failed(kind, "500 Internal Server Error");
    Scenario s = Scenario.under("monitoring").get(0);
    EvidenceCollector collector = new EvidenceCollector(new ProbeSet(MonitoringProbes.all()), ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED);

    var evidence = collector.workload(s.target(), broken, FakePrometheusApi.unreachable().asDefault(), collector.platform(broken,
        FakePrometheusApi.unreachable().asDefault()), Set.of("health-monitoring", "alerting", "drift-monitoring", "gpu-utilisation"));

    assertThat(evidence).hasSize(4);
    evidence.values().forEach(e -> {
      assertThat(e.state().name()).as(e.capability() + ": " + e.message()).isEqualTo("Unknown");
      assertThat(e.message()).as(e.capability()).doesNotContain("probe failed");
    });
  }
}
