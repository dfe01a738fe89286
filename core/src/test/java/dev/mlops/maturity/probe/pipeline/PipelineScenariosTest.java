package dev.mlops.maturity.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden scenarios of the training-side probes: one folder per provider case under scenarios/pipeline. */
class PipelineScenariosTest {

  static List<Scenario> scenarios() {
    return Scenario.under("pipeline");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void producesTheExpectedEvidence(Scenario s) {
    ScenarioAssertions.check(s, new ProbeSet(PipelineProbes.all()));
  }

  @Test
  void everyScenarioExpectsSomethingOfThisFamily() {
    List<String> ours = PipelineProbes.all().stream().map(p -> p.capability()).toList();
    assertThat(scenarios()).isNotEmpty().allSatisfy(s -> assertThat(s.expect().keySet()).as(s.name()).isNotEmpty().isSubsetOf(ours));
  }
}
