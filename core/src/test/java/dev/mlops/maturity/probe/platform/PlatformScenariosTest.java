package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlatformScenariosTest {
  static List<Scenario> scenarios() {
    return Scenario.under("platform");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void producesTheExpectedEvidence(Scenario s) {
    ScenarioAssertions.check(s, new ProbeSet(PlatformProbes.all()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listsOnlyTheKindsItDeclares(Scenario s) {
    ScenarioAssertions.checkReadsDeclared(s, PlatformProbes.all());
  }

}
