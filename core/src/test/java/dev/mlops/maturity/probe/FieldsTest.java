package dev.mlops.maturity.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared readers of conditions, timestamps and labels that replaced the probes' local parsers. */
class FieldsTest {

  private static GenericKubernetesResource withConditions(Object conditions) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setMetadata(new ObjectMetaBuilder().withName("x").withLabels(Map.of("app", "web")).build());
    r.setAdditionalProperty("status", Map.of("conditions", conditions, "lastScheduleTime", "2026-11-22T09:00:00Z"));
    return r;
  }

  @Test
  void conditionsAreReadByTypeAndStatusIgnoringMalformedEntries() {
    GenericKubernetesResource r = withConditions(List.of("garbage",
        Map.of("type", "Ready", "status", "False", "reason", "BuildFailed"), Map.of("type", "Succeeded", "status", "true")));
    assertThat(Fields.conditions(r)).hasSize(2);
    assertThat(Fields.condition(r, "Ready")).hasValueSatisfying(c -> assertThat(c).containsEntry("reason", "BuildFailed"));
    assertThat(Fields.hasCondition(r, "Succeeded", "True")).isTrue();
    assertThat(Fields.hasCondition(r, "Ready", "True")).isFalse();
    assertThat(Fields.condition(r, "Deployed")).isEmpty();
    assertThat(Fields.conditions(withConditions("not a list"))).isEmpty();
  }

  @Test
  void timestampsParseRfc3339AndRejectGarbage() {
    GenericKubernetesResource r = withConditions(List.of());
    assertThat(Fields.timestamp(r, "status", "lastScheduleTime")).contains(Instant.parse("2026-11-22T09:00:00Z"));
    assertThat(Fields.instant(" 2026-11-22T09:00:00.5+01:00 ")).contains(Instant.parse("2026-11-22T08:00:00.5Z"));
    assertThat(Fields.instant("yesterday")).isEmpty();
    assertThat(Fields.instant(null)).isEmpty();
    assertThat(Fields.timestamp(r, "status", "absent")).isEmpty();
  }

  @Test
  void labelsAreNeverNull() {
    assertThat(Fields.label(withConditions(List.of()), "app")).isEqualTo("web");
    assertThat(Fields.labels(new GenericKubernetesResource())).isEmpty();
    assertThat(Fields.label(new GenericKubernetesResource(), "app")).isNull();
  }
}
