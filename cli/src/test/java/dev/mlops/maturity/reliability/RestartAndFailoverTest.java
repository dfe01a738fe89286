package dev.mlops.maturity.reliability;

import dev.mlops.maturity.reconciler.TestProbes;
import static dev.mlops.maturity.reliability.FaultyCluster.CHURN;
import static dev.mlops.maturity.reliability.FaultyCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import dev.mlops.maturity.reconciler.TargetEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator restarted mid-way gives the same status, no duplicate Events and rebuilt metrics; a
 * leader that dies without releasing its lease (its connection cut) is replaced by the standby.
 * The graceful hand-over is LeaderElectionTest's.
 */
class RestartAndFailoverTest {
  private static final Logger log = LoggerFactory.getLogger(RestartAndFailoverTest.class);
  private static final int TARGETS = 12;
  private static final Duration LEASE = Duration.ofSeconds(2);

  private FaultyCluster cluster;
  private final List<OperatorHandle> operators = new ArrayList<>();
  private final List<KubernetesClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    cluster = FaultyCluster.start();
    cluster.createTwoTeams();
  }

  @AfterEach
  void stop() {
    operators.forEach(OperatorHandle::stop);
    clients.forEach(KubernetesClient::close);
    cluster.close();
  }

  private OperatorHandle operator(KubernetesClient client, OperatorOptions.LeaderElection election) {
    OperatorOptions options = OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
        .withShutdownTimeout(Duration.ofMillis(500));
    OperatorHandle handle = OperatorApp.start(client, new TestProbes().probeSet(),
        election == null ? options : options.withLeaderElection(election).withConfig(OperatorConfig.EMPTY));
    operators.add(handle);
    return handle;
  }

  private static String name(int i) {
    return "target-" + i;
  }

  private static String ns(int i) {
    return i % 2 == 0 ? "team-a" : "team-b";
  }

  private Map<String, String> statuses() {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < TARGETS; i++) {
      MaturityTarget t = cluster.get(ns(i), name(i));
      out.put(name(i), t.getStatus() == null ? null : Serialization.asJson(t.getStatus()));
    }
    return out;
  }

  private boolean allAt(int level) {
    for (int i = 0; i < TARGETS; i++) {
      if (!Integer.valueOf(level).equals(cluster.level(ns(i), name(i)))) {
        return false;
      }
    }
    return true;
  }

  private long events(String reason) {
    return cluster.events("team-a", reason).size() + cluster.events("team-b", reason).size();
  }

  @Test
  void aRestartMidWayGivesTheSameStatusNoDuplicateEventsAndRebuiltMetrics() {
    OperatorHandle first = operator(cluster.client, null);
    for (int i = 0; i < TARGETS; i++) {
      cluster.create(FaultyCluster.target(ns(i), name(i), 2, i % 2 == 0 ? FRAUD : CHURN));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> statuses().values().stream().filter(s -> s != null).count() >= 2);
    first.stop();

    operator(cluster.client, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> allAt(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> events(TargetEvents.TARGET_MET) >= TARGETS);
    Map<String, String> converged = statuses();
    long patches = cluster.count("PATCH", "/status");
    operators.get(1).stop();

    OperatorHandle third = operator(cluster.client, null);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> third.registry().get("mlops.maturity.evaluation.duration").timer().count() >= TARGETS);

    assertThat(statuses()).as("the same status, timestamps included").isEqualTo(converged);
    assertThat(cluster.count("PATCH", "/status")).as("nothing to write after a restart").isEqualTo(patches);
    assertThat(events(TargetEvents.TARGET_MET)).as("one TargetMet per target, none repeated").isEqualTo(TARGETS);
    assertThat(events(TargetEvents.LEVEL_REGRESSED)).isZero();
    String metrics = scrape(third.metricsPort());
    for (int i = 0; i < TARGETS; i++) {
      assertThat(metrics).contains("mlops_maturity_observed_level{model=\"test-model\",namespace=\"" + ns(i) + "\",target=\"" + name(i) + "\"} 2.0");
    }
  }

  @Test
  void aKilledLeaderIsReplacedByTheStandbyWhichReconciles() {
    KubernetesClient firstClient = new KubernetesClientBuilder().withConfig(cluster.client.getConfiguration()).build();
    KubernetesClient secondClient = new KubernetesClientBuilder().withConfig(cluster.client.getConfiguration()).build();
    clients.add(secondClient);
    OperatorHandle first = operator(firstClient, OperatorOptions.LeaderElection.in("operators").withIdentity("replica-1")
        .withTimings(LEASE, Duration.ofMillis(1500), Duration.ofMillis(250)));
    await().atMost(Duration.ofSeconds(5)).until(first::isLeader);
    OperatorHandle second = operator(secondClient, OperatorOptions.LeaderElection.in("operators").withIdentity("replica-2")
        .withTimings(LEASE, Duration.ofMillis(1500), Duration.ofMillis(250)));
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));
    await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(2).equals(cluster.level("team-a", "fraud")));

    // the leader dies: its connection is cut, it releases nothing
    long killed = System.nanoTime();
    firstClient.close();
    await().atMost(LEASE.plusSeconds(5)).until(second::isLeader);
    long takeover = System.nanoTime();
    cluster.deleteCronWorkflow("team-a", "fraud-retrain");
    await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(1).equals(cluster.level("team-a", "fraud")));
    long reconciled = System.nanoTime();

    Duration toLeader = Duration.ofNanos(takeover - killed);
    Duration toReconcile = Duration.ofNanos(reconciled - killed);
    log.info("leader killed: standby leading after {} ms, first reconcile after {} ms", toLeader.toMillis(), toReconcile.toMillis());
    assertThat(toLeader).as("within the lease duration plus a retry period or two").isLessThan(LEASE.plusSeconds(2));
    assertThat(cluster.client.leases().inNamespace("operators").withName(OperatorOptions.LeaderElection.DEFAULT_LEASE).get()
        .getSpec().getHolderIdentity()).isEqualTo("replica-2");
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED)).hasSize(1);
  }

  private static String scrape(int port) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
