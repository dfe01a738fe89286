package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.testing.TestClock;
import static dev.mlops.maturity.reconciler.MockCluster.CHURN;
import static dev.mlops.maturity.reconciler.MockCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.mlflow.RegisteredModelProbe;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator with an in-memory MLflow: when the background poll sees the answer for one
 * registered model change, only the targets that read that model are evaluated again.
 */
class ChangedAnswerWakesItsReadersTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String MODEL = """
      apiVersion: maturity.mlops.dev/v1alpha1
      kind: MaturityModel
      metadata:
        name: registry-model
      spec:
        levels:
        - level: 0
          name: Manual
        - level: 1
          name: Registered
          requires:
          - capability: model-registry
      """;

  private TestCluster cluster;
  private OperatorHandle operator;
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private final Map<String, Answer<MlflowApi.RegisteredModel>> registry = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> evaluations = new ConcurrentHashMap<>();

  /** MLflow as a map from model name to its registered-models/get answer. */
  private final MlflowApi mlflow = new MlflowApi() {
    @Override
    public Answer<RegisteredModel> registeredModel(String name) {
      return registry.getOrDefault(name, Answer.notFound("model '" + name + "'"));
    }

    @Override
    public Answer<List<ModelVersion>> modelVersions(String name) {
      return Answer.ok(List.of());
    }

    @Override
    public Answer<ModelVersion> alias(String name, String alias) {
      return Answer.notFound(alias);
    }

    @Override
    public Answer<Run> run(String runId) {
      return Answer.notFound(runId);
    }
  };

  /** The real model-registry probe, counting how often each target is evaluated. */
  private final Probe counted = new Probe() {
    private final Probe probe = new RegisteredModelProbe();

    @Override
    public String capability() {
      return probe.capability();
    }

    @Override
    public Set<ResourceKind> reads() {
      return probe.reads();
    }

    @Override
    public Evidence evaluate(ProbeContext ctx) {
      evaluations.computeIfAbsent(ctx.target().namespace() + "/" + ctx.target().name(), k -> new AtomicInteger()).incrementAndGet();
      return probe.evaluate(ctx);
    }
  };

  private static Answer<MlflowApi.RegisteredModel> registered(String name, String version) {
    return Answer.ok(new MlflowApi.RegisteredModel(name,
        List.of(new MlflowApi.ModelVersion(name, version, "READY", null, null, null, 1L, Map.of())), Map.of(), Map.of()));
  }

  @BeforeEach
  void start() {
    cluster = TestCluster.start();
    cluster.createModel(MODEL);
    registry.put("fraud-detector", registered("fraud-detector", "1"));
    registry.put("churn-model", registered("churn-model", "1"));
    ExternalSources sources = new ExternalSources() {
      @Override
      public Answer<PrometheusApi> prometheus(String endpointName) {
        return Answer.failed("no prometheus in this test");
      }

      @Override
      public Answer<MlflowApi> mlflow(String endpointName) {
        return Answer.ok(mlflow);
      }
    };
    operator = OperatorApp.start(cluster.client, new ProbeSet(List.of(counted)),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
            .withShutdownTimeout(Duration.ofMillis(500)).withClock(clock).withExternal(sources).withConfig(OperatorConfig.EMPTY));
    create("team-a", "fraud", "fraud-detector", FRAUD);
    create("team-b", "fraud-shadow", "fraud-detector", FRAUD);
    create("team-b", "churn", "churn-model", CHURN);
  }

  @AfterEach
  void stop() {
    operator.stop();
    cluster.close();
  }

  private void create(String namespace, String name, String registeredModel, Map<String, String> selector) {
    MaturityTarget t = MockCluster.target(namespace, name, "registry-model", 1, selector);
    t.getSpec().workload.registeredModel = registeredModel;
    cluster.create(t);
  }

  private CapabilityState state(String namespace, String name) {
    MaturityTarget t = cluster.get(namespace, name);
    if (t == null || t.getStatus() == null || t.getStatus().capabilities == null) {
      return null;
    }
    return t.getStatus().capabilities.stream().filter(c -> "model-registry".equals(c.id)).map(c -> c.state).findFirst().orElse(null);
  }

  private int evaluated(String reader) {
    AtomicInteger n = evaluations.get(reader);
    return n == null ? 0 : n.get();
  }

  private Map<String, Integer> counts() {
    return Map.of("team-a/fraud", evaluated("team-a/fraud"), "team-b/fraud-shadow", evaluated("team-b/fraud-shadow"),
        "team-b/churn", evaluated("team-b/churn"));
  }

  @Test
  void aChangedAnswerForOneRegisteredModelReEvaluatesOnlyTheTargetsThatReadIt() {
    await().atMost(WAIT).until(() -> state("team-a", "fraud") == CapabilityState.Satisfied
        && state("team-b", "fraud-shadow") == CapabilityState.Satisfied && state("team-b", "churn") == CapabilityState.Satisfied);
    // let the reconciles of the first status writes settle
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(new java.util.concurrent.Callable<Boolean>() {
      Map<String, Integer> last = Map.of();

      @Override
      public Boolean call() throws InterruptedException {
        Map<String, Integer> before = counts();
        Thread.sleep(OperatorApp.POLL.toMillis() + 500);
        boolean settled = before.equals(counts()) && before.equals(last);
        last = before;
        return settled;
      }
    });
    Map<String, Integer> before = counts();

    registry.remove("fraud-detector");
    clock.advance(Duration.ofSeconds(31));

    await().atMost(WAIT).until(() -> state("team-a", "fraud") == CapabilityState.Missing
        && state("team-b", "fraud-shadow") == CapabilityState.Missing);
    assertThat(evaluated("team-a/fraud")).isGreaterThan(before.get("team-a/fraud"));
    assertThat(evaluated("team-b/fraud-shadow")).isGreaterThan(before.get("team-b/fraud-shadow"));
    await().during(Duration.ofMillis(OperatorApp.POLL.toMillis() * 2)).atMost(WAIT)
        .until(() -> evaluated("team-b/churn") == before.get("team-b/churn"));
    assertThat(state("team-b", "churn")).as("its answer did not change").isEqualTo(CapabilityState.Satisfied);
  }
}
