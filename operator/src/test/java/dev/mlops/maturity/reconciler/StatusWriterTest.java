package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusWriterTest {
  @Test
  void thePatchCarriesOnlyIdentityAndStatusAndIsConditionalOnTheResourceVersion() throws Exception {
    MaturityTarget current = TestCluster.target("team-a", "fraud", 2, Map.of("app", "fraud"));
    current.getMetadata().setResourceVersion("42");
    current.getMetadata().setLabels(Map.of("team", "a"));
    MaturityTargetStatus status = new MaturityTargetStatus();
    status.observedLevel = 1;

    MaturityTarget fresh = StatusWriter.fresh(current, status);
    JsonNode patch = Serialization.jsonMapper().readTree(StatusWriter.jsonPatch(fresh));

    assertThat(fresh.getSpec()).isNull();
    assertThat(fresh.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(patch).hasSize(2);
    assertThat(patch.get(0).get("op").asText()).isEqualTo("test");
    assertThat(patch.get(0).get("path").asText()).isEqualTo("/metadata/resourceVersion");
    assertThat(patch.get(0).get("value").asText()).isEqualTo("42");
    assertThat(patch.get(1).get("op").asText()).isEqualTo("add");
    assertThat(patch.get(1).get("path").asText()).isEqualTo("/status");
    assertThat(patch.get(1).get("value").get("observedLevel").asInt()).isEqualTo(1);
  }
}
