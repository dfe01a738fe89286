package dev.mlops.maturity.external;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachingApisTest {
  private static final Duration INTERVAL = Duration.ofMinutes(5);
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private final AnswerCache cache = new AnswerCache(clock, INTERVAL);

  /** Answers with the call it received, so a cache mix-up shows as a wrong value. */
  static final class EchoMlflow implements MlflowApi {
    final List<String> calls = new ArrayList<>();

    @Override
    public Answer<RegisteredModel> registeredModel(String name) {
      calls.add("get " + name);
      return Answer.ok(new RegisteredModel(name, List.of(), Map.of(), Map.of()));
    }

    @Override
    public Answer<List<ModelVersion>> modelVersions(String name) {
      calls.add("search " + name);
      return Answer.ok(List.of(new ModelVersion(name, "1", "READY", null, null, null, null, Map.of())));
    }

    @Override
    public Answer<ModelVersion> alias(String name, String alias) {
      calls.add("alias " + name + "@" + alias);
      return Answer.ok(new ModelVersion(name, alias, "READY", null, null, null, null, Map.of()));
    }

    @Override
    public Answer<Run> run(String runId) {
      calls.add("run " + runId);
      return Answer.ok(new Run(runId, "FINISHED", 1, 1, Map.of(), List.of()));
    }
  }

  static final class EchoPrometheus implements PrometheusApi {
    final List<String> calls = new ArrayList<>();

    @Override
    public Answer<List<Sample>> query(String promql) {
      calls.add("query " + promql);
      return Answer.ok(List.of(new Sample(Map.of("q", promql), 1.0)));
    }

    @Override
    public Answer<List<ScrapeTarget>> activeTargets() {
      calls.add("targets");
      return Answer.ok(List.of());
    }

    @Override
    public Answer<List<AlertRule>> alertRules() {
      calls.add("rules");
      return Answer.ok(List.of());
    }
  }

  @Test
  void mlflowCallsAreCachedPerMethodAndArguments() {
    EchoMlflow echo = new EchoMlflow();
    MlflowApi api = new CachingMlflowApi(echo, "mlflow/default", cache, AnswerCache.NO_READER);

    for (int i = 0; i < 3; i++) {
      api.registeredModel("m");
      api.modelVersions("m");
      api.alias("m", "champion");
      api.alias("m", "challenger");
      api.run("r1");
    }

    assertThat(echo.calls).containsExactly("get m", "search m", "alias m@champion", "alias m@challenger", "run r1");
    assertThat(((Answer.Ok<MlflowApi.ModelVersion>) api.alias("m", "challenger")).value().version()).isEqualTo("challenger");
  }

  @Test
  void argumentsThatConcatenateAlikeAreDifferentKeys() {
    EchoMlflow echo = new EchoMlflow();
    MlflowApi api = new CachingMlflowApi(echo, "mlflow/default", cache, AnswerCache.NO_READER);

    api.alias("a", "bc");
    Answer<MlflowApi.ModelVersion> other = api.alias("ab", "c");

    assertThat(((Answer.Ok<MlflowApi.ModelVersion>) other).value().name()).isEqualTo("ab");
    assertThat(echo.calls).hasSize(2);
  }

  @Test
  void twoEndpointsNeverShareAnswers() {
    EchoMlflow a = new EchoMlflow();
    EchoMlflow b = new EchoMlflow();

    new CachingMlflowApi(a, "mlflow/a", cache, AnswerCache.NO_READER).run("r1");
    new CachingMlflowApi(b, "mlflow/b", cache, AnswerCache.NO_READER).run("r1");

    assertThat(a.calls).containsExactly("run r1");
    assertThat(b.calls).containsExactly("run r1");
  }

  @Test
  void prometheusCallsAreCachedPerQueryUntilTheIntervalPasses() {
    EchoPrometheus echo = new EchoPrometheus();
    PrometheusApi api = new CachingPrometheusApi(echo, "prometheus/default", cache, AnswerCache.NO_READER);

    api.query("up");
    api.query("up");
    api.query("sum(up)");
    api.activeTargets();
    api.activeTargets();
    api.alertRules();
    clock.advance(INTERVAL);
    api.query("up");

    assertThat(echo.calls).containsExactly("query up", "query sum(up)", "targets", "rules", "query up");
  }
}
