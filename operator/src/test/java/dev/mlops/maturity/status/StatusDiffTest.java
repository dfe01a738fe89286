package dev.mlops.maturity.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evidence.CapabilityState;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDiffTest {
  private static MaturityTargetStatus status(int level, String since) {
    MaturityTargetStatus s = new MaturityTargetStatus();
    s.observedLevel = level;
    s.conditions = Conditions.merge(List.of(), List.of(Conditions.of(Conditions.READY, true, "Evaluated", "ok", 1L)), since);
    return s;
  }

  @Test
  void onlyTimestampsDifferingIsNoChange() {
    assertThat(StatusDiff.significant(status(1, "2026-01-01T00:00:00Z"), status(1, "2026-02-01T00:00:00Z"))).isFalse();
  }

  @Test
  void aDifferentLevelIsAChange() {
    assertThat(StatusDiff.significant(status(1, "2026-01-01T00:00:00Z"), status(2, "2026-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void aFirstStatusIsAChange() {
    assertThat(StatusDiff.significant(null, status(0, "2026-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void aConditionMessageChangeIsAChange() {
    MaturityTargetStatus a = status(1, "2026-01-01T00:00:00Z");
    MaturityTargetStatus b = status(1, "2026-01-01T00:00:00Z");
    b.conditions = Conditions.merge(List.of(), List.of(Conditions.of(Conditions.READY, true, "Evaluated", "other", 1L)), "x");
    assertThat(StatusDiff.significant(a, b)).isTrue();
  }

  @Test
  void namesTheConditionAndFieldThatChanged() {
    MaturityTargetStatus a = status(1, "2026-01-01T00:00:00Z");
    MaturityTargetStatus b = status(2, "2026-03-01T00:00:00Z");
    b.conditions = Conditions.merge(List.of(), List.of(Conditions.of(Conditions.READY, false, "Evaluated", "ok", 1L)), "x");
    assertThat(StatusDiff.changes(a, b)).containsExactly("status.observedLevel", "status.conditions[Ready].status");
  }

  @Test
  void namesTheCapabilityThatChangedAndOneThatAppeared() {
    MaturityTargetStatus a = status(1, "2026-01-01T00:00:00Z");
    MaturityTargetStatus b = status(1, "2026-01-01T00:00:00Z");
    a.capabilities = List.of(capability("model-registry", CapabilityState.Satisfied), capability("alerting", CapabilityState.Missing));
    b.capabilities = List.of(capability("model-registry", CapabilityState.Unknown), capability("alerting", CapabilityState.Missing),
        capability("drift-monitoring", CapabilityState.Missing));
    assertThat(StatusDiff.changes(a, b)).containsExactly("status.capabilities[model-registry].state", "status.capabilities[drift-monitoring]");
    assertThat(StatusDiff.changes(b, b)).isEmpty();
    assertThat(StatusDiff.changes(null, b)).containsExactly("status");
  }

  private static CapabilityStatus capability(String id, CapabilityState state) {
    CapabilityStatus c = new CapabilityStatus();
    c.id = id;
    c.state = state;
    return c;
  }
}
