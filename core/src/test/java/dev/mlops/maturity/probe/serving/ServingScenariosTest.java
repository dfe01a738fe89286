package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden scenario under scenarios/serving: cluster objects in, expected evidence out. */
class ServingScenariosTest {

  static List<Scenario> scenarios() {
    return Scenario.under("serving");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void producesTheExpectedEvidence(Scenario s) {
    ScenarioAssertions.check(s, new ProbeSet(ServingProbes.all()));
  }

  @Test
  void everyServingCapabilityHasPositiveNegativeAndUnknownScenarios() {
    List<Scenario> all = scenarios();
    for (var probe : ServingProbes.all()) {
      String id = probe.capability();
      for (String state : List.of("Satisfied", "Missing", "Unknown")) {
        assertThat(all).as("a scenario expecting %s to be %s", id, state)
            .anyMatch(s -> s.expect().containsKey(id) && s.expect().get(id).state().equals(state));
      }
    }
  }
}
