package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.UnknownReason;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import dev.mlops.maturity.status.Conditions;
import dev.mlops.maturity.status.StatusFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "Not configured is not an outage" (ARCHITECTURE.md section 2), through the reconciler: a capability
 * whose signal needs an MLflow endpoint that is not configured is Unknown with reason NotConfigured,
 * without Degraded, ProbeFailing or probe_errors_total; removing the integration lowers the level as
 * IntegrationRemoved, not as the team's regression.
 */
class NotConfiguredSyncTest {
  private static final String[] FRAUD_TAGS = {"namespace", "team-a", "target", "fraud"};

  /** scheduled-retraining stand-in whose signal lives in MLflow: Satisfied when the target's endpoint answers. */
  static final class MlflowBackedProbe implements Probe {
    @Override
    public String capability() {
      return "scheduled-retraining";
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(KindCatalogue.CRON_WORKFLOW);
    }

    @Override
    public Evidence evaluate(ProbeContext ctx) {
      Answer<MlflowApi> api = ctx.external().mlflow(ctx.target().mlflowEndpoint());
      if (api instanceof Answer.Ok<MlflowApi>) {
        return Evidence.satisfied(capability(), "retraining runs recorded in MLflow", List.of("mlflow default"));
      }
      return Evidence.unknown(capability(), api instanceof Answer.Failed<?> f ? f.reason() : "MLflow unavailable");
    }
  }

  /** An MLflow endpoint named 'default' while {@code configured}; no endpoint at all otherwise. */
  static class SwitchableMlflow implements ExternalSources {
    volatile boolean configured = true;

    @Override
    public Answer<PrometheusApi> prometheus(String endpointName) {
      return ExternalSources.NONE.prometheus(endpointName);
    }

    @Override
    public Answer<MlflowApi> mlflow(String endpointName) {
      return configured && "default".equals(endpointName) ? Answer.ok(null) : ExternalSources.NONE.mlflow(endpointName);
    }
  }

  private final SwitchableMlflow mlflow = new SwitchableMlflow();
  private final ReconcilerHarness h = new ReconcilerHarness(TestCluster.target("team-a", "fraud", 2, MockCluster.FRAUD),
      new ProbeSet(List.of(new MlflowBackedProbe(), new TestProbes.ServedDeploymentProbe())), mlflow).withFraudWorkload();

  private CapabilityStatus capability(String id) {
    return h.stored().getStatus().capabilities.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
  }

  private double probeErrors() {
    return h.registry.get("mlops.maturity.probe.errors").tag("probe", "scheduled-retraining").counter().count();
  }

  @Test
  void withoutTheIntegrationTheCapabilityIsNotConfiguredAndNothingCriesWolf() {
    mlflow.configured = false;
    h.reconcile();
    h.reconcile();

    CapabilityStatus schedule = capability("scheduled-retraining");
    assertThat(schedule.state).isEqualTo(CapabilityState.Unknown);
    assertThat(schedule.reason).isEqualTo(UnknownReason.NotConfigured);
    assertThat(schedule.message).contains("no mlflow endpoint named 'default' is configured", "integrations.mlflow.default");
    assertThat(capability("health-monitoring").reason).as("only Unknown has a reason").isNull();
    assertThat(h.stored().getStatus().observedLevel).isEqualTo(1);
    var degraded = Conditions.find(h.stored().getStatus().conditions, Conditions.DEGRADED).orElseThrow();
    assertThat(degraded.getStatus()).isEqualTo("False");
    assertThat(degraded.getMessage()).contains("not configured", "scheduled-retraining");
    assertThat(h.eventReasons()).doesNotContain(TargetEvents.PROBE_FAILING);
    assertThat(probeErrors()).isZero();
    assertThat(h.gauge("mlops.maturity.degraded", FRAUD_TAGS)).isZero();
  }

  @Test
  void aFailingIntegrationIsStillAnOutage() {
    mlflow.configured = false;
    ReconcilerHarness failing = new ReconcilerHarness(TestCluster.target("team-a", "fraud", 2, MockCluster.FRAUD),
        new ProbeSet(List.of(new MlflowBackedProbe(), new TestProbes.ServedDeploymentProbe())), new SwitchableMlflow() {
          @Override
          public Answer<MlflowApi> mlflow(String endpointName) {
            return Answer.failed("connection refused");
          }
        }).withFraudWorkload();

    failing.reconcile();

    assertThat(Conditions.isTrue(failing.stored().getStatus().conditions, Conditions.DEGRADED)).isTrue();
    assertThat(failing.eventReasons()).contains(TargetEvents.PROBE_FAILING);
    assertThat(failing.registry.get("mlops.maturity.probe.errors").tag("probe", "scheduled-retraining").counter().count()).isEqualTo(1.0);
  }

  @Test
  void removingTheIntegrationLowersTheLevelAsIntegrationRemovedNotAsARegression() {
    h.reconcile();
    assertThat(h.stored().getStatus().observedLevel).isEqualTo(2);

    mlflow.configured = false;
    h.reconcile();

    assertThat(h.stored().getStatus().observedLevel).as("the level follows the evidence").isEqualTo(1);
    assertThat(h.stored().getStatus().history).singleElement().satisfies(c -> {
      assertThat(c.reason).startsWith(StatusFactory.INTEGRATION_REMOVED).contains("scheduled-retraining");
      assertThat(c.from).isEqualTo(2);
      assertThat(c.to).isEqualTo(1);
    });
    assertThat(Conditions.isTrue(h.stored().getStatus().conditions, Conditions.REGRESSED)).isFalse();
    assertThat(Conditions.isTrue(h.stored().getStatus().conditions, Conditions.DEGRADED)).isFalse();
    assertThat(h.eventReasons()).contains(TargetEvents.INTEGRATION_REMOVED)
        .doesNotContain(TargetEvents.LEVEL_REGRESSED, TargetEvents.PROBE_FAILING);
    assertThat(h.registry.get("mlops.maturity.level.regressions").tags(FRAUD_TAGS).counter().count()).isZero();

    mlflow.configured = true;
    h.reconcile();
    assertThat(h.stored().getStatus().observedLevel).isEqualTo(2);
  }
}
