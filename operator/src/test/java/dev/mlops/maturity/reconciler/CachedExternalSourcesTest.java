package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedExternalSourcesTest {
  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

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
    MovingClock clock = new MovingClock();
    CachedExternalSources cached = new CachedExternalSources(sources, Duration.ofSeconds(30), clock);

    api(cached.prometheus("default")).query("up");
    api(cached.prometheus("default")).query("up");
    api(cached.prometheus("default")).query("other");
    assertThat(queries).hasValue(2);

    clock.now = clock.now.plusSeconds(31);
    Answer<List<PrometheusApi.Sample>> fresh = api(cached.prometheus("default")).query("up");

    assertThat(queries).hasValue(3);
    assertThat(((Answer.Ok<List<PrometheusApi.Sample>>) fresh).value().get(0).value()).isEqualTo(3.0);
  }

  @Test
  void unknownEndpointsAndFailuresPassThrough() {
    CachedExternalSources cached = new CachedExternalSources(sources, Duration.ofSeconds(30), new MovingClock());

    assertThat(cached.prometheus("other")).isInstanceOf(Answer.Failed.class);
    assertThat(api(cached.prometheus("default")).activeTargets()).isInstanceOf(Answer.Failed.class);
  }

  @Test
  void inBackgroundModeReadsNeverWaitAndTheRefresherReportsOnlyRealChanges() {
    MovingClock clock = new MovingClock();
    CachedExternalSources cached = new CachedExternalSources(sources, Duration.ofSeconds(30), clock);
    java.util.concurrent.ScheduledExecutorService idle = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      cached.refreshInBackground(idle, () -> { });
      api(cached.prometheus("default")).query("up");
      assertThat(queries).as("the first answer of a query is fetched on the caller").hasValue(1);

      clock.now = clock.now.plusSeconds(300);
      Answer<List<PrometheusApi.Sample>> stale = api(cached.prometheus("default")).query("up");
      assertThat(queries).as("a later read is served from the cache, however old").hasValue(1);
      assertThat(((Answer.Ok<List<PrometheusApi.Sample>>) stale).value().get(0).value()).isEqualTo(1.0);

      AtomicInteger changes = new AtomicInteger();
      cached.refreshAll(changes::incrementAndGet);
      assertThat(queries).hasValue(2);
      assertThat(changes).as("the sample value changed from 1 to 2").hasValue(1);
      Answer<List<PrometheusApi.Sample>> refreshed = api(cached.prometheus("default")).query("up");
      assertThat(((Answer.Ok<List<PrometheusApi.Sample>>) refreshed).value().get(0).value()).isEqualTo(2.0);

      api(cached.prometheus("default")).activeTargets();
      int before = changes.get();
      cached.refreshAll(changes::incrementAndGet);
      cached.refreshAll(changes::incrementAndGet);
      assertThat(changes.get() - before).as("failing targets stay failing, the query value moves: one change per pass")
          .isEqualTo(2);

      clock.now = clock.now.plus(Duration.ofSeconds(30).multipliedBy(CachedExternalSources.IDLE_AFTER_PERIODS + 1));
      int asked = queries.get();
      cached.refreshAll(() -> { });
      assertThat(queries).as("answers nobody read for a long time are dropped, not refreshed").hasValue(asked);
    } finally {
      idle.shutdownNow();
    }
  }
}
