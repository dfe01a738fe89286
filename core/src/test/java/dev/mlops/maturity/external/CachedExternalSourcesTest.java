package dev.mlops.maturity.external;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedExternalSourcesTest {
  private final AtomicInteger queries = new AtomicInteger();
  private final PrometheusApi prometheus = new PrometheusApi() {
    @Override
    public Answer<List<Sample>> query(String promql) {
      queries.incrementAndGet();
      return Answer.ok(List.of(new Sample(Map.of(), queries.get())));
    }

    @Override
    public Answer<List<ScrapeTarget>> activeTargets() {
      return Answer.failed("down");
    }

    @Override
    public Answer<List<AlertRule>> alertRules() {
      return Answer.ok(List.of());
    }
  };
  private final ExternalSources sources = new ExternalSources() {
    @Override
    public Answer<PrometheusApi> prometheus(String endpointName) {
      return "default".equals(endpointName) ? Answer.ok(prometheus) : Answer.failed("no prometheus endpoint named " + endpointName);
    }

    @Override
    public Answer<MlflowApi> mlflow(String endpointName) {
      return Answer.failed("none");
    }
  };

  private static PrometheusApi api(Answer<PrometheusApi> a) {
    return ((Answer.Ok<PrometheusApi>) a).value();
  }

  @Test
  void aQueryIsAskedOncePerMaxAgeAndAgainAfterIt() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    CachedExternalSources cached = new CachedExternalSources(sources, new AnswerCache(clock, Duration.ofSeconds(30)));

    api(cached.prometheus("default")).query("up");
    api(cached.prometheus("default")).query("up");
    api(cached.prometheus("default")).query("other");
    assertThat(queries).hasValue(2);

    clock.advance(Duration.ofSeconds(31));
    Answer<List<PrometheusApi.Sample>> fresh = api(cached.prometheus("default")).query("up");

    assertThat(queries).hasValue(3);
    assertThat(((Answer.Ok<List<PrometheusApi.Sample>>) fresh).value().get(0).value()).isEqualTo(3.0);
  }

  @Test
  void unknownEndpointsAndFailuresPassThrough() {
    CachedExternalSources cached = new CachedExternalSources(sources, new AnswerCache(TestClock.at("2026-11-22T10:00:00Z"), Duration.ofSeconds(30)));

    assertThat(cached.prometheus("other")).isInstanceOf(Answer.Failed.class);
    assertThat(api(cached.prometheus("default")).activeTargets()).isInstanceOf(Answer.Failed.class);
  }

  @Test
  void inBackgroundModeReadsNeverWaitAndARefreshedAnswerThatChangedWakesItsReader() {
    TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
    AnswerCache answers = new AnswerCache(clock, Duration.ofSeconds(30));
    CachedExternalSources cached = new CachedExternalSources(sources, answers).readingFor("team-a/fraud");
    java.util.List<Runnable> pending = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService manual = new java.util.concurrent.AbstractExecutorService() {
      @Override
      public void execute(Runnable command) {
        pending.add(command);
      }

      @Override
      public void shutdown() { }

      @Override
      public java.util.List<Runnable> shutdownNow() {
        return java.util.List.of();
      }

      @Override
      public boolean isShutdown() {
        return false;
      }

      @Override
      public boolean isTerminated() {
        return false;
      }

      @Override
      public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
        return true;
      }
    };
    AtomicInteger changes = new AtomicInteger();
    answers.refreshInBackground(manual, readers -> {
      assertThat(readers).containsExactly("team-a/fraud");
      changes.incrementAndGet();
    });

    api(cached.prometheus("default")).query("up");
    assertThat(queries).as("the first answer of a query is fetched on the caller").hasValue(1);
    api(cached.prometheus("default")).query("up");
    assertThat(pending).as("a fresh answer needs no refresh").isEmpty();

    clock.advance(Duration.ofSeconds(31));
    Answer<List<PrometheusApi.Sample>> stale = api(cached.prometheus("default")).query("up");
    api(cached.prometheus("default")).query("up");
    assertThat(queries).as("an old answer is served at once, not fetched on the caller").hasValue(1);
    assertThat(((Answer.Ok<List<PrometheusApi.Sample>>) stale).value().get(0).value()).isEqualTo(1.0);
    assertThat(pending).as("one refresh in flight per query").hasSize(1);

    pending.remove(0).run();
    assertThat(queries).hasValue(2);
    assertThat(changes).as("the refreshed answer differs, so targets are evaluated again").hasValue(1);
    Answer<List<PrometheusApi.Sample>> fresh = api(cached.prometheus("default")).query("up");
    assertThat(((Answer.Ok<List<PrometheusApi.Sample>>) fresh).value().get(0).value()).isEqualTo(2.0);

    api(cached.prometheus("default")).activeTargets();
    clock.advance(Duration.ofSeconds(31));
    api(cached.prometheus("default")).activeTargets();
    pending.remove(0).run();
    assertThat(changes).as("a failure that stays the same failure changes nothing").hasValue(1);
  }
}
