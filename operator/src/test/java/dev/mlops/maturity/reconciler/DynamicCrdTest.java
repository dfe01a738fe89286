package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.status.Conditions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Optional CRDs: watched only while served, picked up after start, and removable without stopping the operator. */
class DynamicCrdTest {
  private static final Map<String, String> FRAUD = Map.of("app.kubernetes.io/part-of", "fraud-detector");
  private static final Duration QUICK = Duration.ofSeconds(5);

  private TestCluster cluster;
  private OperatorHandle operator;

  @BeforeEach
  void start() {
    cluster = TestCluster.start();
    cluster.createTestModel();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    operator = OperatorApp.start(cluster.client, new TestProbes().probeSet(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
            .withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
  }

  @AfterEach
  void stop() {
    operator.stop();
    cluster.close();
  }

  private MaturityTarget target() {
    return cluster.get("team-a", "fraud");
  }

  @Test
  void aCrdInstalledAfterStartIsPickedUpAndItsRemovalDoesNotStopTheOperator() {
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    await().atMost(QUICK).until(() -> target().getStatus() != null && target().getStatus().observedLevel != null);
    assertThat(target().getStatus().observedLevel).isEqualTo(1);
    assertThat(target().getStatus().capabilities.get(1).state).isEqualTo(CapabilityState.Unknown);
    assertThat(target().getStatus().capabilities.get(1).message).contains("no provider is installed");
    assertThat(operator.cluster().watchedKinds()).doesNotContain(KindCatalogue.CRON_WORKFLOW);

    cluster.installCronWorkflowCrd();
    cluster.createCronWorkflow("team-a", "fraud-retrain", FRAUD);

    await().atMost(QUICK).until(() -> Integer.valueOf(2).equals(target().getStatus().observedLevel));
    assertThat(operator.cluster().watchedKinds()).contains(KindCatalogue.CRON_WORKFLOW);
    assertThat(Conditions.isTrue(target().getStatus().conditions, Conditions.DEGRADED)).isFalse();

    cluster.removeCronWorkflowCrd();

    await().atMost(QUICK).until(() -> Conditions.isTrue(target().getStatus().conditions, Conditions.DEGRADED));
    assertThat(target().getStatus().observedLevel).as("an uninstalled CRD is Unknown, not a regression").isEqualTo(2);
    assertThat(operator.cluster().watchedKinds()).doesNotContain(KindCatalogue.CRON_WORKFLOW);
    assertThat(operator.live()).isTrue();
    assertThat(TestCluster.status(operator.metricsPort(), "/healthz")).isEqualTo(200);

    cluster.create(TestCluster.target("team-a", "fraud-second", 1, FRAUD));
    await().atMost(QUICK).until(() -> {
      MaturityTarget second = cluster.get("team-a", "fraud-second");
      return second.getStatus() != null && Integer.valueOf(1).equals(second.getStatus().observedLevel);
    });
  }
}
