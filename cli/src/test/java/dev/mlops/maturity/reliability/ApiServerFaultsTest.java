package dev.mlops.maturity.reliability;

import dev.mlops.maturity.reconciler.TestProbes;
import static dev.mlops.maturity.reliability.FaultyCluster.CHURN;
import static dev.mlops.maturity.reliability.FaultyCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import dev.mlops.maturity.reconciler.TargetEvents;
import dev.mlops.maturity.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API server faults against the real operator: a kind answering 500/503/429 or timing out, a 403 on
 * an optional kind, a dropped watch with a change made while it was down, and status patch
 * conflicts and errors. Never a false level, never a crash, and every fault heals on its own.
 */
class ApiServerFaultsTest {
  private static final Duration QUICK = Duration.ofSeconds(10);
  private static final String DEPLOYMENTS = "/apis/apps/v1/deployments";
  private static final String CRON_WORKFLOWS = "/apis/argoproj.io/v1alpha1/cronworkflows";

  private FaultyCluster cluster;
  private OperatorHandle operator;

  @BeforeEach
  void start() {
    cluster = FaultyCluster.start();
    cluster.createTwoTeams();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    cluster.close();
  }

  private void startOperator() {
    startOperator(OperatorOptions.defaults());
  }

  private void startOperator(OperatorOptions options) {
    operator = OperatorApp.start(cluster.client, new TestProbes().probeSet(),
        options.withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(2)).withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
  }

  /** The operator with this watch-outage grace, fraud at level 2 and the CronWorkflow watch open. */
  private void fraudAtLevelTwoWatchingCronWorkflows(Duration watchOutageGrace) {
    startOperator(OperatorOptions.defaults().withWatchOutageGrace(watchOutageGrace));
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));
    awaitLevel("team-a", "fraud", 2);
    await().atMost(QUICK).until(() -> cluster.openWatches(CRON_WORKFLOWS) > 0);
  }

  private MaturityTarget awaitLevel(String ns, String name, int level) {
    await().atMost(QUICK).pollInterval(Duration.ofMillis(50)).until(() -> Integer.valueOf(level).equals(cluster.level(ns, name)));
    return cluster.get(ns, name);
  }

  private static CapabilityStatus capability(MaturityTarget t, String id) {
    return t.getStatus().capabilities.stream().filter(c -> id.equals(c.id)).findFirst().orElseThrow();
  }

  private static Condition condition(MaturityTarget t, String type) {
    return Conditions.find(t.getStatus().conditions, type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 503, 429})
  void aFailingKindIsUnknownAndDegradedIsRetriedWithBackoffAndRecoversOnItsOwn(int code) {
    FaultyCluster.Fault fault = cluster.fail((m, p) -> "GET".equals(m) && p.startsWith(DEPLOYMENTS), -1, code);
    startOperator();
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));

    await().atMost(QUICK).until(() -> {
      MaturityTarget t = cluster.get("team-a", "fraud");
      return t.getStatus() != null && t.getStatus().capabilities != null && !t.getStatus().capabilities.isEmpty();
    });
    MaturityTarget t = cluster.get("team-a", "fraud");
    assertThat(capability(t, "health-monitoring").state).isEqualTo(CapabilityState.Unknown);
    // the client retries 5xx/429 itself with exponential backoff, so the first LIST has not even failed yet
    assertThat(capability(t, "health-monitoring").message).contains("apps/Deployment").containsAnyOf("HTTP " + code, "not synced");
    assertThat(capability(t, "scheduled-retraining").state).as("the other kind keeps working").isEqualTo(CapabilityState.Satisfied);
    assertThat(condition(t, Conditions.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(t, Conditions.DEGRADED).getMessage()).contains("health-monitoring");
    assertThat(t.getStatus().observedLevel).as("no evidence, no claim: level 0, not a regression").isZero();
    assertThat(condition(t, Conditions.REGRESSED).getStatus()).isEqualTo("False");
    assertThat(operator.live()).isTrue();

    // bounded retries with backoff: a few LISTs in three seconds, not a hot loop
    long before = fault.hits();
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
    assertThat(fault.hits() - before).as("retries of the failing kind in 3 s").isBetween(1L, 8L);

    cluster.clear(fault);

    MaturityTarget healed = awaitLevel("team-a", "fraud", 2);
    assertThat(condition(healed, Conditions.DEGRADED).getStatus()).isEqualTo("False");
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED)).isEmpty();
  }

  @Test
  void aListThatTimesOutIsUnknownAndRecovers() {
    FaultyCluster.Fault fault = cluster.fail((m, p) -> "GET".equals(m) && p.startsWith(DEPLOYMENTS), 2,
        () -> FaultyCluster.status(200).setBody("{}").setBodyDelay(20, TimeUnit.SECONDS));
    operator = OperatorApp.start(
        new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
            new io.fabric8.kubernetes.client.ConfigBuilder(cluster.client.getConfiguration()).withRequestTimeout(1000).build()).build(), new TestProbes().probeSet(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(2))
            .withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));

    MaturityTarget healed = awaitLevel("team-a", "fraud", 2);
    assertThat(fault.hits()).as("the timed-out LISTs were retried").isEqualTo(2);
    assertThat(condition(healed, Conditions.DEGRADED).getStatus()).isEqualTo("False");
    assertThat(operator.live()).isTrue();
  }

  @Test
  void aForbiddenOptionalKindIsUnknownForbiddenTheRestWorksAndThereIsNoHotLoop() {
    FaultyCluster.Fault forbidden = cluster.fail((m, p) -> "GET".equals(m) && p.startsWith(CRON_WORKFLOWS), -1, 403);
    startOperator();
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));
    cluster.create(FaultyCluster.target("team-b", "churn", 1, CHURN));

    MaturityTarget fraud = awaitLevel("team-a", "fraud", 1);
    assertThat(capability(fraud, "scheduled-retraining").state).isEqualTo(CapabilityState.Unknown);
    assertThat(capability(fraud, "scheduled-retraining").message).contains("forbidden");
    assertThat(capability(fraud, "health-monitoring").state).isEqualTo(CapabilityState.Satisfied);
    assertThat(condition(fraud, Conditions.DEGRADED).getMessage()).contains("scheduled-retraining");
    MaturityTarget churn = awaitLevel("team-b", "churn", 1);
    assertThat(condition(churn, Conditions.TARGET_MET).getStatus()).isEqualTo("True");

    long before = forbidden.hits();
    long statusWrites = cluster.count("PATCH", "/status");
    await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(forbidden.hits() - before).as("403 retries in 4 s").isLessThanOrEqualTo(6);
    assertThat(cluster.count("PATCH", "/status")).as("no status churn while forbidden").isEqualTo(statusWrites);
    assertThat(cluster.events("team-a", TargetEvents.PROBE_FAILING)).hasSize(1);
    assertThat(operator.live()).isTrue();
  }

  @Test
  void aDroppedWatchResyncsAndAChangeMadeWhileItWasDownIsNotMissed() {
    startOperator();
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));
    awaitLevel("team-a", "fraud", 2);
    await().atMost(QUICK).until(() -> cluster.openWatches(CRON_WORKFLOWS) > 0);

    // the watch drops and the server refuses to re-list or re-watch for a while: the change happens meanwhile
    FaultyCluster.Fault outage = cluster.fail((m, p) -> "GET".equals(m) && p.startsWith(CRON_WORKFLOWS), -1, 503);
    assertThat(cluster.dropWatches(CRON_WORKFLOWS)).isPositive();
    cluster.deleteCronWorkflow("team-a", "fraud-retrain");
    await().atMost(QUICK).until(() -> outage.hits() >= 1);
    assertThat(cluster.level("team-a", "fraud")).as("nothing seen yet, nothing claimed").isEqualTo(2);

    // when it comes back, the old resourceVersion is compacted (410 Gone), as a real API server answers after an outage
    FaultyCluster.Fault gone = cluster.fail((m, p) -> "GET".equals(m) && p.startsWith(CRON_WORKFLOWS) && p.contains("watch=true"), 1,
        FaultyCluster::watchExpired);
    cluster.clear(outage);

    MaturityTarget t = awaitLevel("team-a", "fraud", 1);
    assertThat(gone.hits()).as("the informer re-listed after the 410").isEqualTo(1);
    assertThat(capability(t, "scheduled-retraining").state).isEqualTo(CapabilityState.Missing);
    assertThat(condition(t, Conditions.REGRESSED).getStatus()).as("a real, observed drop").isEqualTo("True");
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.LEVEL_REGRESSED).size() == 1);

    cluster.createCronWorkflow("team-a", "fraud-retrain", FRAUD);
    awaitLevel("team-a", "fraud", 2);
  }

  @Test
  void aWatchDownLongerThanTheGraceTurnsItsEvidenceUnknownInsteadOfTrustingAStaleCopyAndHealsWhenItIsBack() {
    fraudAtLevelTwoWatchingCronWorkflows(Duration.ofSeconds(1));

    // the API server stops answering for CronWorkflows: the watch drops and cannot be re-established
    FaultyCluster.Fault outage = cluster.fail((m, p) -> "GET".equals(m) && p.startsWith(CRON_WORKFLOWS), -1, 503);
    assertThat(cluster.dropWatches(CRON_WORKFLOWS)).isPositive();

    await().atMost(QUICK).until(() -> capability(cluster.get("team-a", "fraud"), "scheduled-retraining").state == CapabilityState.Unknown);
    MaturityTarget t = cluster.get("team-a", "fraud");
    assertThat(capability(t, "scheduled-retraining").message).contains("argoproj.io/CronWorkflow", "watch has been down", "may be stale");
    assertThat(capability(t, "health-monitoring").state).as("the other kind keeps working").isEqualTo(CapabilityState.Satisfied);
    assertThat(t.getStatus().observedLevel).as("unknown evidence holds the level").isEqualTo(2);
    assertThat(condition(t, Conditions.DEGRADED).getStatus()).isEqualTo("True");
    assertThat(condition(t, Conditions.DEGRADED).getMessage()).contains("scheduled-retraining");
    assertThat(condition(t, Conditions.REGRESSED).getStatus()).isEqualTo("False");
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED)).isEmpty();
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.PROBE_FAILING).size() == 1);
    assertThat(operator.live()).isTrue();

    cluster.clear(outage);

    await().atMost(QUICK).until(() -> "False".equals(condition(cluster.get("team-a", "fraud"), Conditions.DEGRADED).getStatus()));
    MaturityTarget healed = cluster.get("team-a", "fraud");
    assertThat(capability(healed, "scheduled-retraining").state).isEqualTo(CapabilityState.Satisfied);
    assertThat(healed.getStatus().observedLevel).isEqualTo(2);
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED)).isEmpty();
  }

  @Test
  void aWatchReconnectInsideTheGraceChangesNothing() {
    fraudAtLevelTwoWatchingCronWorkflows(Duration.ofSeconds(30));

    FaultyCluster.Fault blip = cluster.fail((m, p) -> "GET".equals(m) && p.startsWith(CRON_WORKFLOWS), 2, 503);
    assertThat(cluster.dropWatches(CRON_WORKFLOWS)).isPositive();
    await().atMost(QUICK).until(() -> blip.hits() == 2 && cluster.openWatches(CRON_WORKFLOWS) > 0);

    MaturityTarget t = cluster.get("team-a", "fraud");
    assertThat(capability(t, "scheduled-retraining").state).isEqualTo(CapabilityState.Satisfied);
    assertThat(condition(t, Conditions.DEGRADED).getStatus()).isEqualTo("False");
    assertThat(cluster.events("team-a", TargetEvents.PROBE_FAILING)).as("never flagged, not even for a moment").isEmpty();
  }

  @Test
  void aStatusPatchConflictIsRetriedOnAFreshObjectAndTheFinalStatusIsRight() {
    // a real conflict: another writer changed the object just before our patch (a label, here)
    FaultyCluster.Fault conflict = cluster.fail((m, p) -> "PATCH".equals(m) && p.contains("/maturitytargets/fraud/status"), 2, () -> {
      java.util.concurrent.CompletableFuture.runAsync(() -> cluster.client.resources(MaturityTarget.class).inNamespace("team-a")
          .withName("fraud").edit(mt -> {
            mt.getMetadata().getLabels().put("touched-by", "other-writer-" + System.nanoTime());
            return mt;
          }));
      return FaultyCluster.status(409);
    });
    startOperator();
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));

    MaturityTarget t = awaitLevel("team-a", "fraud", 2);
    assertThat(conflict.hits()).isEqualTo(2);
    assertThat(t.getStatus().targetMet).isTrue();
    assertThat(capability(t, "scheduled-retraining").state).isEqualTo(CapabilityState.Satisfied);
    assertThat(condition(t, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(t.getMetadata().getLabels()).as("the other writer's change survives").containsKey("touched-by");
    await().atMost(QUICK).until(() -> cluster.events("team-a", TargetEvents.TARGET_MET).size() == 1);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
        .until(() -> cluster.events("team-a", TargetEvents.TARGET_MET).size() == 1);
  }

  @Test
  void statusPatchErrorsAreRetriedUntilTheStatusIsWritten() {
    FaultyCluster.Fault unavailable = cluster.fail((m, p) -> "PATCH".equals(m) && p.contains("/maturitytargets/fraud/status"), 2, 503);
    startOperator();
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));
    cluster.create(FaultyCluster.target("team-b", "churn", 2, CHURN));

    awaitLevel("team-b", "churn", 2);
    await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(2).equals(cluster.level("team-a", "fraud")));
    assertThat(unavailable.hits()).isEqualTo(2);
    assertThat(cluster.events("team-a", TargetEvents.TARGET_MET)).hasSize(1);
    assertThat(operator.live()).isTrue();
  }

  @Test
  void aStatusWriteAnswered404WhileTheApiServerReloadsIsRetriedWithinSecondsAndNeverGivenUp() {
    // a real API server answers 404 for the status subresource for a moment while it re-registers the CRD.
    // Each failed attempt sends two patches (the status, then the failure status): 14 failures are seven
    // attempts, which outlast JOSDK's default retry, after which the target would wait for an event
    FaultyCluster.Fault reloading = cluster.fail((m, p) -> "PATCH".equals(m) && p.contains("/maturitytargets/fraud/status"), 14, 404);
    startOperator();
    cluster.create(FaultyCluster.target("team-a", "fraud", 2, FRAUD));

    await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(2).equals(cluster.level("team-a", "fraud")));
    assertThat(reloading.hits()).isEqualTo(14);
    assertThat(cluster.events("team-a", TargetEvents.TARGET_MET)).hasSize(1);
  }

  @Test
  void theRetryOfAFailedReconcileStartsWithinASecondIsCappedAndNeverStops() {
    GenericRetry retry = OperatorApp.RETRY;
    assertThat(retry.getInitialInterval()).isLessThanOrEqualTo(1000);
    assertThat(retry.getMaxInterval()).isLessThanOrEqualTo(30_000);
    assertThat(retry.getMaxAttempts()).as("a reconcile that keeps failing is retried forever, at the capped interval")
        .isEqualTo(-1);
  }
}
