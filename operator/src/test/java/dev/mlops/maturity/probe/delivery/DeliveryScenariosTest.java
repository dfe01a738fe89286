package dev.mlops.maturity.probe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    for (Probe probe : DeliveryProbes.all()) {
      Set<ResourceKind> listed = new HashSet<>();
      ProbeContext ctx = new ProbeContext(s.target(), (kind, ns) -> {
        listed.add(kind);
        return s.cluster().list(kind, ns);
      }, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED);
      if (s.target() == null && probe.scope() == Scope.WORKLOAD) {
        continue;
      }
      probe.evaluate(ctx);
      assertThat(probe.reads()).as("%s lists kinds it does not declare in reads()", probe.capability()).containsAll(listed);
    }
  }
}
