package dev.mlops.maturity.external;

import dev.mlops.maturity.probe.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one cache of HTTP answers, per (endpoint, query), and who read them. An answer is kept for
 * {@code maxAge} (a failure at most the failed-answer TTL, so a recovered server is seen soon).
 * Without a refresher an older answer is fetched again on the caller (one-shot {@code assess}); with
 * {@link #refreshInBackground} it is served at once and re-fetched on the refresher (also by the
 * periodic {@link #refreshStale} poll), and when the new answer differs only the readers of that key
 * are woken (JOSDK's per-resource polling idea). Bounded
 * (least recently used first) and thread-safe; concurrent askers of a new query share one request.
 */
public final class AnswerCache {
  public static final int DEFAULT_MAX_ENTRIES = 10_000;
  public static final Duration DEFAULT_FAILED_TTL = Duration.ofSeconds(30);
  /** The reader of reads that wake nobody (one-shot use). */
  public static final String NO_READER = "";

  private record Key(String endpoint, String query) {}

  private static final class Entry {
    Answer<?> answer;
    Instant fetchedAt;
    final Supplier<? extends Answer<?>> fetch;
    final Set<String> readers = new HashSet<>();
    boolean refreshing;

    Entry(Answer<?> answer, Instant fetchedAt, Supplier<? extends Answer<?>> fetch) {
      this.answer = answer;
      this.fetchedAt = fetchedAt;
      this.fetch = fetch;
    }
  }

  private final Clock clock;
  private final Duration maxAge;
  private final Duration failedTtl;
  private final Map<Key, Entry> entries;
  private final Map<String, Set<Key>> readsBy = new HashMap<>();
  private final Map<Key, CompletableFuture<Answer<?>>> inFlight = new HashMap<>();
  private volatile Executor refresher;
  private volatile Consumer<Set<String>> wake = readers -> { };

  public AnswerCache(Clock clock, Duration maxAge) {
    this(clock, maxAge, DEFAULT_MAX_ENTRIES, DEFAULT_FAILED_TTL);
  }

  public AnswerCache(Clock clock, Duration maxAge, int maxEntries, Duration failedTtl) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.clock = clock;
    this.maxAge = maxAge;
    this.failedTtl = failedTtl;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /**
   * Switches to refresh-in-background: a caller waits only for the very first answer of a query;
   * an older one is re-fetched on {@code refresher} (its pool size bounds concurrent requests), and
   * when the new answer differs, {@code wake} gets the readers of that key.
   */
  public void refreshInBackground(Executor refresher, Consumer<Set<String>> wake) {
    this.wake = wake;
    this.refresher = refresher;
  }

  /**
   * The answer of {@code query} at {@code endpoint}, recorded as read by {@code reader}. A query
   * key must always denote the same answer type.
   */
  @SuppressWarnings("unchecked")
  public <T> Answer<T> get(String endpoint, String query, String reader, Supplier<Answer<T>> fetch) {
    Key key = new Key(endpoint, query);
    CompletableFuture<Answer<?>> running;
    CompletableFuture<Answer<?>> mine = null;
    synchronized (this) {
      Entry e = entries.get(key);
      if (e != null) {
        boolean fresh = clock.instant().isBefore(expiry(e));
        if (fresh || refresher != null) {
          read(key, e, reader);
          if (!fresh) {
            refreshLater(key, e);
          }
          return (Answer<T>) e.answer;
        }
      }
      running = inFlight.get(key);
      if (running == null) {
        mine = new CompletableFuture<>();
        inFlight.put(key, mine);
      }
    }
    if (running != null) {
      Answer<T> shared = (Answer<T>) running.join();
      synchronized (this) {
        Entry e = entries.get(key);
        if (e != null) {
          read(key, e, reader);
        }
      }
      return shared;
    }
    Answer<?> answer = Answer.failed("no answer");
    try {
      answer = fetch(fetch);
    } finally {
      synchronized (this) {
        inFlight.remove(key);
        Entry e = entries.get(key);
        if (e == null) {
          e = new Entry(answer, clock.instant(), fetch);
          entries.put(key, e);
        } else {
          e.answer = answer;
          e.fetchedAt = clock.instant();
        }
        read(key, e, reader);
      }
      mine.complete(answer);
    }
    return (Answer<T>) answer;
  }

  /**
   * The periodic poll: re-fetches in the background every answer that someone reads and that is
   * older than its lifetime, without waiting for a reader to ask (answers nobody reads are left to age out).
   */
  public synchronized void refreshStale() {
    if (refresher == null) {
      return;
    }
    Instant now = clock.instant();
    entries.forEach((key, e) -> {
      if (!e.readers.isEmpty() && !now.isBefore(expiry(e))) {
        refreshLater(key, e);
      }
    });
  }

  /** Forgets what {@code reader} read: before it evaluates again (it may read other keys), or when it is gone. */
  public synchronized void forget(String reader) {
    Set<Key> keys = readsBy.remove(reader);
    if (keys != null) {
      keys.forEach(k -> {
        Entry e = entries.get(k);
        if (e != null) {
          e.readers.remove(reader);
        }
      });
    }
  }

  /** The readers of a key, for tests and debugging. */
  public synchronized Set<String> readers(String endpoint, String query) {
    Entry e = entries.get(new Key(endpoint, query));
    return e == null ? Set.of() : Set.copyOf(e.readers);
  }

  public synchronized int size() {
    return entries.size();
  }

  private Instant expiry(Entry e) {
    Duration keep = e.answer instanceof Answer.Failed<?> && failedTtl.compareTo(maxAge) < 0 ? failedTtl : maxAge;
    return e.fetchedAt.plus(keep);
  }

  private void read(Key key, Entry e, String reader) {
    if (reader != null && !reader.equals(NO_READER)) {
      e.readers.add(reader);
      readsBy.computeIfAbsent(reader, r -> new HashSet<>()).add(key);
    }
  }

  /** Called holding the lock; one refresh per key at a time. */
  private void refreshLater(Key key, Entry stale) {
    if (stale.refreshing) {
      return;
    }
    stale.refreshing = true;
    try {
      refresher.execute(() -> refresh(key, stale));
    } catch (RuntimeException rejected) {
      stale.refreshing = false;
    }
  }

  private void refresh(Key key, Entry stale) {
    Answer<?> fresh = fetch(stale.fetch);
    Set<String> toWake;
    synchronized (this) {
      stale.refreshing = false;
      Answer<?> before = stale.answer;
      stale.answer = fresh;
      stale.fetchedAt = clock.instant();
      if (entries.get(key) != stale || fresh.equals(before)) {
        return;
      }
      toWake = Set.copyOf(stale.readers);
    }
    if (!toWake.isEmpty()) {
      wake.accept(toWake);
    }
  }

  private static Answer<?> fetch(Supplier<? extends Answer<?>> fetch) {
    try {
      Answer<?> a = fetch.get();
      return a == null ? Answer.failed("no answer") : a;
    } catch (RuntimeException e) {
      return Answer.failed("request failed (" + e.getClass().getSimpleName() + ")");
    }
  }
}
