package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryScenariosTest {
  static List<Scenario> scenarios() {
    return Scenario.under("delivery");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void producesTheExpectedEvidence(Scenario s) {
    ScenarioAssertions.check(s, new ProbeSet(DeliveryProbes.all()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void listsOnlyTheKindsItDeclares(Scenario s) {
    ScenarioAssertions.checkReadsDeclared(s, DeliveryProbes.all());
  }

}
