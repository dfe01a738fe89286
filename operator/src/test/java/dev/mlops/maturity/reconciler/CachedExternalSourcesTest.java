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
}
