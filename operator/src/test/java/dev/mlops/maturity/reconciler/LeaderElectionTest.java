package dev.mlops.maturity.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import static dev.mlops.maturity.reconciler.MockCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas and a Lease: one reconciles, the other takes over when it stops; a lost lease stops a replica without exiting. */
class LeaderElectionTest {
  private static final Duration LEASE = Duration.ofSeconds(2);

  private TestCluster cluster;
  private final List<OperatorHandle> operators = new ArrayList<>();

  @BeforeEach
  void start() {
    cluster = TestCluster.start();
    cluster.installCronWorkflowCrd();
    cluster.createTestModel();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    cluster.createCronWorkflow("team-a", "fraud-retrain", FRAUD);
  }

  @AfterEach
  void stop() {
    operators.forEach(OperatorHandle::stop);
    cluster.close();
  }

  private OperatorHandle replica(String identity) {
    OperatorHandle handle = OperatorApp.start(cluster.client, new TestProbes().probeSet(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
            .withShutdownTimeout(Duration.ofMillis(500))
            .withLeaderElection(OperatorOptions.LeaderElection.in("operators").withIdentity(identity)
                .withTimings(LEASE, Duration.ofMillis(1500), Duration.ofMillis(250))).withConfig(OperatorConfig.EMPTY));
    operators.add(handle);
    return handle;
  }

  private Integer level() {
    MaturityTarget t = cluster.get("team-a", "fraud");
    return t == null || t.getStatus() == null ? null : t.getStatus().observedLevel;
  }

  @Test
  void theStandbyTakesOverWithinTheLeaseDurationWhenTheLeaderStops() {
    OperatorHandle first = replica("replica-1");
    await().atMost(Duration.ofSeconds(5)).until(first::isLeader);
    OperatorHandle second = replica("replica-2");
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(2).equals(level()));
    assertThat(second.isLeader()).isFalse();
    assertThat(TestCluster.status(second.metricsPort(), "/readyz")).as("a standby is ready").isEqualTo(200);

    first.stop();

    await().atMost(LEASE.plusSeconds(2)).until(second::isLeader);
    cluster.deleteCronWorkflow("team-a", "fraud-retrain");
    await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(1).equals(level()));
    Lease lease = cluster.client.leases().inNamespace("operators").withName(OperatorOptions.LeaderElection.DEFAULT_LEASE).get();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-2");
  }

  @Test
  void aReplicaThatLosesTheLeaseStopsReconcilingWithoutExiting() throws Exception {
    OperatorHandle only = replica("replica-1");
    await().atMost(Duration.ofSeconds(5)).until(only::isLeader);

    // the leader renews concurrently: an edit may meet 409 Conflict, so retry until the intruder holds the lease
    await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
      cluster.client.leases().inNamespace("operators").withName(OperatorOptions.LeaderElection.DEFAULT_LEASE).edit(l -> {
        l.getSpec().setHolderIdentity("intruder");
        l.getSpec().setLeaseDurationSeconds(60);
        l.getSpec().setRenewTime(ZonedDateTime.now());
        return l;
      });
      return true;
    });

    assertThat(only.terminated().get(10, TimeUnit.SECONDS)).isEqualTo(OperatorHandle.StopReason.LOST_LEADERSHIP);
    assertThat(only.isLeader()).isFalse();
    assertThat(only.live()).isFalse();
    cluster.create(TestCluster.target("team-a", "fraud", 2, FRAUD));
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> level() == null);
  }
}
