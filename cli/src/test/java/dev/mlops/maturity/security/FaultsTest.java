package dev.mlops.maturity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.reconciler.MockCluster;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import dev.mlops.maturity.reconciler.ReconcileWatchdog;
import dev.mlops.maturity.reconciler.TestProbes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 findings 1 (operator side) and 7: an Error in one team's probe never takes a reconcile thread,
 * liveness fails when reconciles stop making progress, and the degraded metric follows the evaluation
 * even when the status write fails during an API outage.
 */
class FaultsTest {
  private HostileCluster cluster;
  private OperatorHandle operator;

  @BeforeEach
  void start() {
    cluster = HostileCluster.start();
    cluster.createTwoTeams();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    cluster.close();
  }

  private void startOperator(ProbeSet probes) {
    operator = OperatorApp.start(cluster.client, probes, OperatorOptions.defaults().withMetrics("127.0.0.1", 0)
        .withCacheSyncTimeout(Duration.ofSeconds(3)).withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
  }

  /** health-monitoring that overflows its stack for the attacker's namespace and is Satisfied elsewhere. */
  private static final class OverflowingForAttacker implements Probe {
    @Override
    public String capability() {
      return "health-monitoring";
    }

    @Override
    public Scope scope() {
      return Scope.WORKLOAD;
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(KindCatalogue.DEPLOYMENT);
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      if (context.target().namespace().equals("attacker")) {
        throw new StackOverflowError();
      }
      return Evidence.satisfied(capability(), "served", List.of());
    }
  }

  @Test
  void anErrorInOneTeamsProbeLeavesEveryReconcileThreadWorking() {
    List<Probe> probes = new ArrayList<>(new TestProbes().probeSet().all());
    probes.removeIf(p -> p.capability().equals("health-monitoring"));
    probes.add(new OverflowingForAttacker());
    startOperator(new ProbeSet(probes));
    for (int i = 0; i < 8; i++) {
      cluster.create(MockCluster.target("attacker", "a" + i, 2, MockCluster.FRAUD));
    }
    cluster.create(MockCluster.target("team-a", "fraud", 2, MockCluster.FRAUD));

    await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(2).equals(cluster.level("team-a", "fraud")));
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.get("attacker", "a7").getStatus() != null);
    assertThat(cluster.get("attacker", "a7").getStatus().capabilities).anyMatch(c -> "health-monitoring".equals(c.id)
        && c.message.contains("StackOverflowError"));
    assertThat(operator.live()).isTrue();
  }

  @Test
  void theDegradedMetricIsSetDuringAnOutageEvenWhenTheStatusWriteFails() {
    cluster.fail((method, path) -> ("PATCH".equals(method) && path.contains("/status"))
        || ("GET".equals(method) && path.startsWith("/apis/apps/v1/deployments")), 500);
    startOperator(new TestProbes().probeSet());
    cluster.create(MockCluster.target("team-a", "fraud", 2, MockCluster.FRAUD));

    await().atMost(Duration.ofSeconds(40)).until(() -> scrape().lines()
        .anyMatch(l -> l.startsWith("mlops_maturity_degraded{") && l.contains("target=\"fraud\"") && l.endsWith(" 1.0")));
    assertThat(cluster.get("team-a", "fraud").getStatus()).as("no status could be written").isNull();
  }

  @Test
  void livenessFailsWhenAReconcileStopsMakingProgress() {
    Instant[] now = {Instant.parse("2026-12-04T10:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    ReconcileWatchdog watchdog = new ReconcileWatchdog(clock, Duration.ofMinutes(5));
    ReconcileWatchdog.Lease quick = watchdog.begin();
    now[0] = now[0].plusSeconds(10);
    quick.close();
    ReconcileWatchdog.Lease stuck = watchdog.begin();
    now[0] = now[0].plus(Duration.ofMinutes(4));
    assertThat(watchdog.progressing()).isTrue();
    now[0] = now[0].plus(Duration.ofMinutes(2));
    assertThat(watchdog.progressing()).isFalse();
    assertThat(watchdog.stalled()).contains(Duration.ofMinutes(6));
    stuck.close();
    assertThat(watchdog.progressing()).isTrue();
  }

  private String scrape() {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.metricsPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }
}
