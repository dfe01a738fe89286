package dev.mlops.maturity.external;

import dev.mlops.maturity.probe.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Answers of HTTP endpoints per (endpoint, query), kept for the evaluation interval so the probes of
 * one cycle (and of every target sharing an endpoint) ask the server once. Failures are kept only
 * briefly so a recovered server is seen soon. Bounded (least recently used entries go first) and
 * thread-safe; concurrent askers of the same query wait for the one request in flight.
 */
public final class AnswerCache {
  public static final int DEFAULT_MAX_ENTRIES = 10_000;
  public static final Duration DEFAULT_FAILED_TTL = Duration.ofSeconds(30);

  private record Key(String endpoint, String query) {}

  private record Entry(Answer<?> answer, Instant expires) {}

  private final Clock clock;
  private final Duration failedTtl;
  private final Map<Key, Entry> entries;
  private final Map<Key, CompletableFuture<Answer<?>>> inFlight = new HashMap<>();

  public AnswerCache(Clock clock) {
    this(clock, DEFAULT_MAX_ENTRIES, DEFAULT_FAILED_TTL);
  }

  public AnswerCache(Clock clock, int maxEntries, Duration failedTtl) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.clock = clock;
    this.failedTtl = failedTtl;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /**
   * The cached answer of {@code query} at {@code endpoint}, or a fresh one from {@code fetch} kept
   * for {@code ttl} (a failure for at most the failed-answer TTL). A query key must always denote
   * the same answer type.
   */
  @SuppressWarnings("unchecked")
  public <T> Answer<T> get(String endpoint, String query, Duration ttl, Supplier<Answer<T>> fetch) {
    Key key = new Key(endpoint, query);
    CompletableFuture<Answer<?>> running;
    CompletableFuture<Answer<?>> mine = null;
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null && clock.instant().isBefore(e.expires())) {
        return (Answer<T>) e.answer();
      }
      if (e != null) {
        entries.remove(key);
      }
      running = inFlight.get(key);
      if (running == null) {
        mine = new CompletableFuture<>();
        inFlight.put(key, mine);
      }
    }
    if (running != null) {
      return (Answer<T>) running.join();
    }
    Answer<T> answer = null;
    try {
      answer = fetch.get();
    } catch (RuntimeException ex) {
      answer = Answer.failed("request failed (" + ex.getClass().getSimpleName() + ")");
    } finally {
      if (answer == null) {
        answer = Answer.failed("no answer");
      }
      synchronized (this) {
        inFlight.remove(key);
        Duration keep = answer instanceof Answer.Failed<T> && failedTtl.compareTo(ttl) < 0 ? failedTtl : ttl;
        if (!keep.isNegative() && !keep.isZero()) {
          entries.put(key, new Entry(answer, clock.instant().plus(keep)));
        }
      }
      mine.complete(answer);
    }
    return answer;
  }

  public synchronized int size() {
    return entries.size();
  }
}
