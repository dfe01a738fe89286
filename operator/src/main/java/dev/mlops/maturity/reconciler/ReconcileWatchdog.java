package dev.mlops.maturity.reconciler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Knows which reconciles are running and since when, so liveness fails when a reconcile thread stops
 * making progress (a reconcile running longer than the stall limit) and Kubernetes restarts the pod.
 */
public final class ReconcileWatchdog {
  /** Longer than any honest reconcile: probes have a deadline of their own, reads come from caches. */
  public static final Duration DEFAULT_STALL_LIMIT = Duration.ofMinutes(5);
  static final ReconcileWatchdog UNWATCHED = new ReconcileWatchdog(Clock.systemUTC(), Duration.ofDays(365));

  /** One running reconcile; closing it ends it. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private final Clock clock;
  private final Duration stallLimit;
  private final Map<Long, Instant> running = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  public ReconcileWatchdog(Clock clock, Duration stallLimit) {
    this.clock = clock;
    this.stallLimit = stallLimit;
  }

  public Lease begin() {
    long id = ids.incrementAndGet();
    running.put(id, clock.instant());
    return () -> running.remove(id);
  }

  /** The oldest running reconcile's age, when it is over the stall limit. */
  public Optional<Duration> stalled() {
    Instant now = clock.instant();
    return running.values().stream().map(start -> Duration.between(start, now)).max(Duration::compareTo)
        .filter(age -> age.compareTo(stallLimit) > 0);
  }

  public boolean progressing() {
    return stalled().isEmpty();
  }
}
