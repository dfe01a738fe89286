package dev.mlops.maturity.reliability;

import dev.mlops.maturity.testing.TestClock;
import static dev.mlops.maturity.reliability.FaultyCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.mlflow.RegisteredModelProbe;
import dev.mlops.maturity.probe.prometheus.HealthMonitoringProbe;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import dev.mlops.maturity.reconciler.TargetEvents;
import dev.mlops.maturity.status.Conditions;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus and MLflow faults against the real operator, the real probes (health-monitoring over
 * /api/v1/targets, model-registry over registered-models/get) and the real HTTP clients: down, slow
 * (past the 5 s timeout), 500, 401, garbage, an empty answer. Each gives Unknown with a reason, the
 * level held, Degraded, no LevelRegressed Event and no response body in status or Events; recovery
 * restores Satisfied. An MLflow 404 for the model is a real Missing and a real regression.
 */
class HttpSourceFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String MODEL = """
      apiVersion: maturity.mlops.dev/v1alpha1
      kind: MaturityModel
      metadata:
        name: http-model
      spec:
        levels:
        - level: 0
          name: Manual
        - level: 1
          name: Monitored
          requires:
          - capability: health-monitoring
        - level: 2
          name: Registered
          requires:
          - capability: model-registry
      """;

  private FaultyCluster cluster;
  private FakeHttpSource prometheus;
  private FakeHttpSource mlflow;
  private OperatorHandle operator;
  private final TestClock clock = TestClock.realTime();
  private final AtomicInteger touches = new AtomicInteger();

  @BeforeEach
  void start() {
    cluster = FaultyCluster.start();
    prometheus = FakeHttpSource.start();
    mlflow = FakeHttpSource.start();
    cluster.createModel(MODEL);
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    cluster.client.resource(new ServiceBuilder().withNewMetadata().withNamespace("team-a").withName("fraud-svc").withLabels(FRAUD).endMetadata()
        .withNewSpec().withSelector(FRAUD).addNewPort().withName("http").withPort(8080).endPort().endSpec().build()).create();
    OperatorConfig config = new OperatorConfig(Map.of("default", new Endpoint(prometheus.root(), null)),
        Map.of("default", new Endpoint(mlflow.root(), null)), ProbeSettings.DEFAULTS, List.of());
    operator = OperatorApp.start(cluster.client, new ProbeSet(List.of(new HealthMonitoringProbe(), new RegisteredModelProbe())),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(5))
            .withShutdownTimeout(Duration.ofMillis(500)).withClock(clock)
            .withExternal(HttpExternalSources.forOperator(config, null)).withConfig(config));
    MaturityTarget target = FaultyCluster.target("team-a", "fraud", "http-model", 2, FRAUD);
    target.getSpec().workload.registeredModel = "fraud-detector";
    cluster.create(target);
    awaitState("health-monitoring", CapabilityState.Satisfied);
    awaitState("model-registry", CapabilityState.Satisfied);
    assertThat(cluster.level("team-a", "fraud")).isEqualTo(2);
  }

  @AfterEach
  void stop() {
    operator.stop();
    prometheus.close();
    mlflow.close();
    cluster.close();
  }

  private CapabilityStatus capability(String id) {
    MaturityTarget t = cluster.get("team-a", "fraud");
    if (t.getStatus() == null || t.getStatus().capabilities == null) {
      return null;
    }
    return t.getStatus().capabilities.stream().filter(c -> id.equals(c.id)).findFirst().orElse(null);
  }

  private void awaitState(String id, CapabilityState state) {
    try {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
        CapabilityStatus c = capability(id);
        return c != null && c.state == state;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(id + " never became " + state + "; status: " + Serialization.asJson(cluster.get("team-a", "fraud").getStatus()), e);
    }
  }

  /** Expires every answer cache, then makes the target re-evaluate (a change to its Deployment). */
  private void reevaluate() {
    clock.advance(Duration.ofMinutes(10));
    cluster.client.apps().deployments().inNamespace("team-a").withName("fraud-api").edit(d -> {
      d.getMetadata().setAnnotations(Map.of("test/touch", String.valueOf(touches.incrementAndGet())));
      return d;
    });
  }

  /** The fault is Unknown with a reason, the level held, Degraded; nothing of the body leaks; recovery restores it. */
  private void faultIsUnknownAndHeld(String capability, FakeHttpSource source, Runnable fault, String expectedReason) {
    fault.run();
    reevaluate();
    awaitState(capability, CapabilityState.Unknown);
    MaturityTarget t = cluster.get("team-a", "fraud");
    assertThat(capability(capability).message).as(expectedReason).containsIgnoringCase(expectedReason);
    assertThat(t.getStatus().observedLevel).as("level held").isEqualTo(2);
    assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.DEGRADED)).isTrue();
    assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.REGRESSED)).isFalse();
    assertThat(Serialization.asJson(t.getStatus())).doesNotContain(FakeHttpSource.BODY_MARKER).doesNotContain("<html>");
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_REGRESSED)).isEmpty();
    assertThat(cluster.client.v1().events().inNamespace("team-a").list().getItems())
        .noneMatch(e -> e.getMessage() != null && e.getMessage().contains(FakeHttpSource.BODY_MARKER));

    if (source.mode == FakeHttpSource.Mode.HEALTHY_AFTER_RESTART) {
      source.up();
    }
    source.mode = FakeHttpSource.Mode.HEALTHY;
    reevaluate();
    awaitState(capability, CapabilityState.Satisfied);
    t = cluster.get("team-a", "fraud");
    assertThat(t.getStatus().observedLevel).isEqualTo(2);
    assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.DEGRADED)).isFalse();
  }

  @Test
  void prometheusDownSlowFailingOrGarbledIsUnknownHeldAndRecovers() {
    faultIsUnknownAndHeld("health-monitoring", prometheus, () -> {
      prometheus.down();
      prometheus.mode = FakeHttpSource.Mode.HEALTHY_AFTER_RESTART;
    }, "cannot check scrape targets");
    faultIsUnknownAndHeld("health-monitoring", prometheus, () -> prometheus.mode = FakeHttpSource.Mode.ERROR_500, "HTTP 500");
    faultIsUnknownAndHeld("health-monitoring", prometheus, () -> prometheus.mode = FakeHttpSource.Mode.GARBAGE, "cannot check scrape targets");
    faultIsUnknownAndHeld("health-monitoring", prometheus, () -> prometheus.mode = FakeHttpSource.Mode.EMPTY, "cannot check scrape targets");
    faultIsUnknownAndHeld("health-monitoring", prometheus, () -> prometheus.mode = FakeHttpSource.Mode.SLOW, "cannot check scrape targets");
    assertThat(cluster.get("team-a", "fraud").getStatus().history).as("no level change was recorded").isEmpty();
  }

  @Test
  void mlflowUnauthorisedFailingSlowOrGarbledIsUnknownHeldAndRecovers() {
    faultIsUnknownAndHeld("model-registry", mlflow, () -> mlflow.mode = FakeHttpSource.Mode.ERROR_401, "401");
    faultIsUnknownAndHeld("model-registry", mlflow, () -> mlflow.mode = FakeHttpSource.Mode.ERROR_500, "500");
    faultIsUnknownAndHeld("model-registry", mlflow, () -> mlflow.mode = FakeHttpSource.Mode.GARBAGE, "registered-models/get failed");
    faultIsUnknownAndHeld("model-registry", mlflow, () -> {
      mlflow.down();
      mlflow.mode = FakeHttpSource.Mode.HEALTHY_AFTER_RESTART;
    }, "registered-models/get failed");
    faultIsUnknownAndHeld("model-registry", mlflow, () -> mlflow.mode = FakeHttpSource.Mode.SLOW, "registered-models/get failed");
    assertThat(cluster.get("team-a", "fraud").getStatus().history).as("no level change was recorded").isEmpty();
  }

  @Test
  void anMlflow404ForTheModelIsARealMissingAndARealRegression() {
    mlflow.mode = FakeHttpSource.Mode.MODEL_NOT_FOUND;
    reevaluate();
    awaitState("model-registry", CapabilityState.Missing);
    MaturityTarget t = cluster.get("team-a", "fraud");
    assertThat(capability("model-registry").message).contains("not registered").doesNotContain(FakeHttpSource.BODY_MARKER);
    assertThat(t.getStatus().observedLevel).isEqualTo(1);
    assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.REGRESSED)).isTrue();
    await().atMost(WAIT).until(() -> cluster.events("team-a", TargetEvents.LEVEL_REGRESSED).size() == 1);

    mlflow.mode = FakeHttpSource.Mode.HEALTHY;
    reevaluate();
    awaitState("model-registry", CapabilityState.Satisfied);
    assertThat(cluster.level("team-a", "fraud")).isEqualTo(2);
  }
}
