package dev.mlops.maturity.cluster;

import java.time.Duration;

/**
 * How the informer caches behave.
 *
 * @param pruneFields keep cached objects pruned by {@link PrunedItemStore} (the default); false
 *     caches them whole, only to measure what pruning saves
 * @param watchOutageGrace how long the watch of a kind may stay down (API server unreachable,
 *     access revoked, re-list refused) before its cached copy stops counting as evidence: the kind
 *     then reads as failed, so what depends on it is Unknown (level held, Degraded) instead of
 *     judged on a copy that may be stale. Reconnects of a few seconds, which every long watch
 *     goes through, stay well inside it.
 */
public record CacheOptions(boolean pruneFields, Duration watchOutageGrace) {
  public static final CacheOptions DEFAULTS = new CacheOptions(true, Duration.ofSeconds(60));

  public CacheOptions {
    if (watchOutageGrace.isNegative() || watchOutageGrace.isZero()) {
      throw new IllegalArgumentException("watchOutageGrace must be positive: " + watchOutageGrace);
    }
  }

  public CacheOptions withPruneFields(boolean value) {
    return new CacheOptions(value, watchOutageGrace);
  }

  public CacheOptions withWatchOutageGrace(Duration value) {
    return new CacheOptions(pruneFields, value);
  }
}
