package dev.mlops.maturity.external;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.probe.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
  private static final String NO_READER = AnswerCache.NO_READER;
  private static final Duration INTERVAL = Duration.ofMinutes(5);
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private final AnswerCache cache = new AnswerCache(clock, INTERVAL);
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

    cache.get("mlflow/default", "q", NO_READER, fetch);
    clock.advance(INTERVAL.minusSeconds(1));
    Answer<String> second = cache.get("mlflow/default", "q", NO_READER, fetch);

    assertThat(second).isEqualTo(Answer.ok("v1"));
    assertThat(calls).hasValue(1);
  }

  @Test
  void asksAgainOnceTheIntervalHasPassed() {
    Supplier<Answer<String>> fetch = counting(Answer.ok("v1"));

    cache.get("mlflow/default", "q", NO_READER, fetch);
    clock.advance(INTERVAL);
    cache.get("mlflow/default", "q", NO_READER, fetch);

    assertThat(calls).hasValue(2);
  }

  @Test
  void keepsAFailureOnlyThirtySeconds() {
    Supplier<Answer<String>> fetch = counting(Answer.failed("server error (HTTP 500)"));

    cache.get("mlflow/default", "q", NO_READER, fetch);
    clock.advance(Duration.ofSeconds(29));
    cache.get("mlflow/default", "q", NO_READER, fetch);
    assertThat(calls).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    cache.get("mlflow/default", "q", NO_READER, fetch);
    assertThat(calls).hasValue(2);
  }

  @Test
  void aFailureIsNeverKeptLongerThanTheInterval() {
    Supplier<Answer<String>> fetch = counting(Answer.failed("unreachable"));
    Duration shortInterval = Duration.ofSeconds(10);
    AnswerCache cache = new AnswerCache(clock, shortInterval);

    cache.get("e", "q", NO_READER, fetch);
    clock.advance(shortInterval);
    cache.get("e", "q", NO_READER, fetch);

    assertThat(calls).hasValue(2);
  }

  @Test
  void keepsNotFoundForTheWholeIntervalBecauseItIsADefiniteAnswer() {
    Supplier<Answer<String>> fetch = counting(Answer.notFound("model x"));

    cache.get("e", "q", NO_READER, fetch);
    clock.advance(Duration.ofMinutes(4));
    Answer<String> again = cache.get("e", "q", NO_READER, fetch);

    assertThat(again).isInstanceOf(Answer.NotFound.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void separatesEndpointsAndQueries() {
    cache.get("mlflow/a", "q", NO_READER, counting(Answer.ok("a")));
    cache.get("mlflow/b", "q", NO_READER, counting(Answer.ok("b")));
    cache.get("mlflow/a", "r", NO_READER, counting(Answer.ok("c")));

    assertThat(cache.get("mlflow/b", "q", NO_READER, counting(Answer.ok("stale")))).isEqualTo(Answer.ok("b"));
    assertThat(calls).hasValue(3);
  }

  @Test
  void evictsTheLeastRecentlyUsedBeyondItsBound() {
    AnswerCache small = new AnswerCache(clock, INTERVAL, 3, Duration.ofSeconds(30));
    for (String q : List.of("a", "b", "c")) {
      small.get("e", q, NO_READER, counting(Answer.ok(q)));
    }
    small.get("e", "a", NO_READER, counting(Answer.ok("a")));  // a is now the most recently used
    small.get("e", "d", NO_READER, counting(Answer.ok("d")));  // evicts b
    assertThat(calls).hasValue(4);
    assertThat(small.size()).isEqualTo(3);

    small.get("e", "a", NO_READER, counting(Answer.ok("a")));
    assertThat(calls).hasValue(4);
    small.get("e", "b", NO_READER, counting(Answer.ok("b")));
    assertThat(calls).hasValue(5);
  }

  @Test
  void aThrowingFetchBecomesAShortLivedFailure() {
    Supplier<Answer<String>> boom = () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("secret detail");
    };

    Answer<String> answer = cache.get("e", "q", NO_READER, boom);

    assertThat(answer).isEqualTo(Answer.failed("request failed (IllegalStateException)"));
    clock.advance(Duration.ofSeconds(30));
    cache.get("e", "q", NO_READER, counting(Answer.ok("recovered")));
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
          return cache.get("e", "q", NO_READER, slow);
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
  void aRefreshedAnswerThatChangedWakesOnlyTheReadersOfThatKey() {
    List<Runnable> refreshes = new ArrayList<>();
    List<Set<String>> woken = new ArrayList<>();
    cache.refreshInBackground(refreshes::add, woken::add);
    AtomicInteger fraudVersion = new AtomicInteger(1);
    Supplier<Answer<String>> fraud = () -> Answer.ok("fraud v" + fraudVersion.get());
    Supplier<Answer<String>> churn = () -> Answer.ok("churn v1");
    cache.get("mlflow/default", "fraud", "team-a/fraud", fraud);
    cache.get("mlflow/default", "fraud", "team-b/fraud-copy", fraud);
    cache.get("mlflow/default", "churn", "team-a/churn", churn);
    assertThat(cache.readers("mlflow/default", "fraud")).containsExactlyInAnyOrder("team-a/fraud", "team-b/fraud-copy");

    clock.advance(INTERVAL);
    fraudVersion.set(2);
    assertThat(cache.get("mlflow/default", "fraud", "team-a/fraud", fraud)).as("an old answer is served at once").isEqualTo(Answer.ok("fraud v1"));
    cache.get("mlflow/default", "fraud", "team-a/fraud", fraud);
    cache.get("mlflow/default", "churn", "team-a/churn", churn);
    assertThat(refreshes).as("one background refresh per stale key").hasSize(2);
    refreshes.forEach(Runnable::run);

    assertThat(woken).as("only the readers of the changed key; the unchanged churn answer wakes nobody")
        .containsExactly(Set.of("team-a/fraud", "team-b/fraud-copy"));
    assertThat(cache.get("mlflow/default", "fraud", "team-a/fraud", fraud)).isEqualTo(Answer.ok("fraud v2"));
  }

  @Test
  void aForgottenReaderIsNotWoken() {
    List<Runnable> refreshes = new ArrayList<>();
    List<Set<String>> woken = new ArrayList<>();
    cache.refreshInBackground(refreshes::add, woken::add);
    AtomicInteger version = new AtomicInteger(1);
    Supplier<Answer<Integer>> fetch = () -> Answer.ok(version.get());
    cache.get("prometheus/default", "up", "team-a/gone", fetch);
    cache.get("prometheus/default", "up", "team-a/stays", fetch);

    cache.forget("team-a/gone");
    clock.advance(INTERVAL);
    version.set(2);
    cache.get("prometheus/default", "up", "team-a/stays", fetch);
    refreshes.forEach(Runnable::run);

    assertThat(woken).containsExactly(Set.of("team-a/stays"));
  }

  @Test
  void thePeriodicPollRefreshesOldAnswersThatSomeoneReadsWithoutWaitingForARead() {
    List<Runnable> refreshes = new ArrayList<>();
    List<Set<String>> woken = new ArrayList<>();
    cache.refreshInBackground(refreshes::add, woken::add);
    AtomicInteger version = new AtomicInteger(1);
    cache.get("mlflow/default", "fraud", "team-a/fraud", () -> Answer.ok(version.get()));
    cache.get("mlflow/default", "read by nobody", NO_READER, counting(Answer.ok("x")));

    cache.refreshStale();
    assertThat(refreshes).as("fresh answers are left alone").isEmpty();
    clock.advance(INTERVAL);
    version.set(2);
    cache.refreshStale();
    cache.refreshStale();
    assertThat(refreshes).as("only the answer someone reads, once").hasSize(1);
    refreshes.remove(0).run();

    assertThat(woken).containsExactly(Set.of("team-a/fraud"));
    cache.refreshStale();
    assertThat(refreshes).as("just refreshed").isEmpty();
  }
}
