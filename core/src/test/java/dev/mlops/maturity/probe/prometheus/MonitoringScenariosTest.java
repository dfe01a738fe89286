package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden scenarios under scenarios/monitoring/; a scenario's prometheus.yaml is its "default" Prometheus. */
class MonitoringScenariosTest {
  static List<Scenario> scenarios() {
    return Scenario.under("monitoring");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(Scenario s) {
    ScenarioAssertions.check(s, new ProbeSet(MonitoringProbes.all()), FakePrometheusApi.forScenario(s.dir()));
  }
}
