package dev.mlops.maturity.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactMapTest {

  @Test
  void keepsInsertionOrderNullValuesAndEqualsAnyMapWithTheSameEntries() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("b", 1);
    source.put("a", null);
    source.put("c", "x");

    Map<String, Object> m = CompactMap.copyOf(source);

    assertThat(m.keySet()).containsExactly("b", "a", "c");
    assertThat(m.get("b")).isEqualTo(1);
    assertThat(m.containsKey("a")).isTrue();
    assertThat(m.get("a")).isNull();
    assertThat(m.containsKey("z")).isFalse();
    assertThat(m).isEqualTo(source).hasSameHashCodeAs(source);
    assertThatThrownBy(() -> m.put("d", 2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void compactingKeepsTheObjectReadableAndSerialisesTheSame() {
    GenericKubernetesResource r = Serialization.unmarshal("""
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata:
          name: nightly
          namespace: team-a
          labels: {app: fraud}
          annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}", keep: me}
        spec:
          schedules: ["0 2 * * *"]
          suspend: false
          workflowSpec: {workflowTemplateRef: {name: train}}
          nothing: null
        """, GenericKubernetesResource.class);

    PrunedItemStore.compact(r);

    assertThat(r.getMetadata().getLabels()).isInstanceOf(CompactMap.class).containsEntry("app", "fraud");
    assertThat(r.getMetadata().getAnnotations()).containsOnlyKeys("keep");
    Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
    assertThat(spec).isInstanceOf(CompactMap.class).containsKey("nothing");
    assertThat(spec.get("schedules")).isEqualTo(List.of("0 2 * * *"));
    assertThat(((Map<String, Object>) ((Map<String, Object>) spec.get("workflowSpec")).get("workflowTemplateRef")).get("name"))
        .isEqualTo("train");
    assertThat(Serialization.asJson(r)).contains("\"suspend\":false", "\"schedules\":[\"0 2 * * *\"]");
  }
}
