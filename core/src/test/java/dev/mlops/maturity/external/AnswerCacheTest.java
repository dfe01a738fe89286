package dev.mlops.maturity.external;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.probe.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
  private static final Duration INTERVAL = Duration.ofMinutes(5);
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private final AnswerCache cache = new AnswerCache(clock);
  private final AtomicInteger calls = new AtomicInteger();

  private <T> Supplier<Answer<T>> counting(Answer<T> answer) {
    return () -> {
      calls.incrementAndGet();
      return answer;
    };
  }

  @Test
  void keepsAnAnswerForTheEvaluationInterval() {
    Supplier<Answer<String>> fetch = counting(Answer.ok("v1"));

    cache.get("mlflow/default", "q", INTERVAL, fetch);
    clock.advance(INTERVAL.minusSeconds(1));
    Answer<String> second = cache.get("mlflow/default", "q", INTERVAL, fetch);

    assertThat(second).isEqualTo(Answer.ok("v1"));
    assertThat(calls).hasValue(1);
  }

  @Test
  void asksAgainOnceTheIntervalHasPassed() {
    Supplier<Answer<String>> fetch = counting(Answer.ok("v1"));

    cache.get("mlflow/default", "q", INTERVAL, fetch);
    clock.advance(INTERVAL);
    cache.get("mlflow/default", "q", INTERVAL, fetch);

    assertThat(calls).hasValue(2);
  }

  @Test
  void keepsAFailureOnlyThirtySeconds() {
    Supplier<Answer<String>> fetch = counting(Answer.failed("server error (HTTP 500)"));

    cache.get("mlflow/default", "q", INTERVAL, fetch);
    clock.advance(Duration.ofSeconds(29));
    cache.get("mlflow/default", "q", INTERVAL, fetch);
    assertThat(calls).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    cache.get("mlflow/default", "q", INTERVAL, fetch);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aFailureIsNeverKeptLongerThanTheInterval() {
    Supplier<Answer<String>> fetch = counting(Answer.failed("unreachable"));
    Duration shortInterval = Duration.ofSeconds(10);

    cache.get("e", "q", shortInterval, fetch);
    clock.advance(shortInterval);
    cache.get("e", "q", shortInterval, fetch);

    assertThat(calls).hasValue(2);
  }

  @Test
  void keepsNotFoundForTheWholeIntervalBecauseItIsADefiniteAnswer() {
    Supplier<Answer<String>> fetch = counting(Answer.notFound("model x"));

    cache.get("e", "q", INTERVAL, fetch);
    clock.advance(Duration.ofMinutes(4));
    Answer<String> again = cache.get("e", "q", INTERVAL, fetch);

    assertThat(again).isInstanceOf(Answer.NotFound.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void separatesEndpointsAndQueries() {
    cache.get("mlflow/a", "q", INTERVAL, counting(Answer.ok("a")));
    cache.get("mlflow/b", "q", INTERVAL, counting(Answer.ok("b")));
    cache.get("mlflow/a", "r", INTERVAL, counting(Answer.ok("c")));

    assertThat(cache.get("mlflow/b", "q", INTERVAL, counting(Answer.ok("stale")))).isEqualTo(Answer.ok("b"));
    assertThat(calls).hasValue(3);
  }

  @Test
  void evictsTheLeastRecentlyUsedBeyondItsBound() {
    AnswerCache small = new AnswerCache(clock, 3, Duration.ofSeconds(30));
    for (String q : List.of("a", "b", "c")) {
      small.get("e", q, INTERVAL, counting(Answer.ok(q)));
    }
    small.get("e", "a", INTERVAL, counting(Answer.ok("a")));  // a is now the most recently used
    small.get("e", "d", INTERVAL, counting(Answer.ok("d")));  // evicts b
    assertThat(calls).hasValue(4);
    assertThat(small.size()).isEqualTo(3);

    small.get("e", "a", INTERVAL, counting(Answer.ok("a")));
    assertThat(calls).hasValue(4);
    small.get("e", "b", INTERVAL, counting(Answer.ok("b")));
    assertThat(calls).hasValue(5);
  }

  @Test
  void aThrowingFetchBecomesAShortLivedFailure() {
    Supplier<Answer<String>> boom = () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("secret detail");
    };

    Answer<String> answer = cache.get("e", "q", INTERVAL, boom);

    assertThat(answer).isEqualTo(Answer.failed("request failed (IllegalStateException)"));
    clock.advance(Duration.ofSeconds(30));
    cache.get("e", "q", INTERVAL, counting(Answer.ok("recovered")));
    assertThat(calls).hasValue(2);
  }

  @Test
  void concurrentAskersOfOneQueryShareOneRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Supplier<Answer<String>> slow = () -> {
      calls.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Answer.ok("shared");
    };
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch started = new CountDownLatch(8);
    try {
      List<Future<Answer<String>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          started.countDown();
          return cache.get("e", "q", INTERVAL, slow);
        }));
      }
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      // While the first request is held, the other askers must wait for it rather than ask again.
      await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(300)).until(() -> calls.get() == 1);
      release.countDown();
      for (Future<Answer<String>> r : results) {
        assertThat(r.get(5, TimeUnit.SECONDS)).isEqualTo(Answer.ok("shared"));
      }
      assertThat(calls).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aZeroLifetimeKeepsNothingSoTheOperatorsOwnCacheIsTheOnlyOne() {
    AnswerCache cache = new AnswerCache(java.time.Clock.systemUTC());
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    cache.get("prometheus/default", "up", java.time.Duration.ZERO, () -> dev.mlops.maturity.probe.Answer.ok(asked.incrementAndGet()));
    cache.get("prometheus/default", "up", java.time.Duration.ZERO, () -> dev.mlops.maturity.probe.Answer.ok(asked.incrementAndGet()));
    org.assertj.core.api.Assertions.assertThat(asked).hasValue(2);
    org.assertj.core.api.Assertions.assertThat(cache.size()).isZero();
  }
}
