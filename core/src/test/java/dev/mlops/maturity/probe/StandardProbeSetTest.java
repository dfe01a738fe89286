package dev.mlops.maturity.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.Capability;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandardProbeSetTest {
  private final ProbeSet probes = ProbeSet.standard();

  @Test
  void everyCapabilityOfTheBuiltInModelsHasAProbeOrADocumentedDeclaredOnlyPath() {
    Set<String> uncovered = new HashSet<>();
    for (MaturityModelDefinition model : BuiltInModels.load().all()) {
      for (String id : model.capabilities()) {
        Capability c = CapabilityCatalogue.get(id);
        if (probes.find(id).isEmpty() && !c.declaredOnly()) {
          uncovered.add(model.id() + ":" + id);
        }
        if (c.declaredOnly()) {
          assertThat(probes.find(id)).as("declared-only %s has no probe", id).isEmpty();
        }
      }
    }
    assertThat(uncovered).as("capabilities with neither a probe nor a declared-only path").isEmpty();
  }

  @Test
  void theKindsTheProbesReadAreExactlyTheSharedKindCatalogue() {
    // the operator watches probes.kinds() and the chart's RBAC grants KindCatalogue.ALL: they must be the same set
    assertThat(probes.kinds()).containsExactlyInAnyOrderElementsOf(new HashSet<>(KindCatalogue.ALL));
  }
}
