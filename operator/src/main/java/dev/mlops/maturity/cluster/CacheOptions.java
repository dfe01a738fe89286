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
 * @param listPageSize objects per page of an informer's LIST (limit/continue), as client-go's
 *     reflector pages; 0 asks for every object of a kind in one response (only to measure what paging saves)
 */
public record CacheOptions(boolean pruneFields, Duration watchOutageGrace, long listPageSize) {
  /** client-go's reflector page size. */
  public static final long LIST_PAGE_SIZE = 500;
  public static final CacheOptions DEFAULTS = new CacheOptions(true, Duration.ofSeconds(60));

  public CacheOptions {
    if (watchOutageGrace.isNegative() || watchOutageGrace.isZero()) {
      throw new IllegalArgumentException("watchOutageGrace must be positive: " + watchOutageGrace);
    }
    if (listPageSize < 0) {
      throw new IllegalArgumentException("listPageSize must be 0 (no paging) or positive: " + listPageSize);
    }
  }

  public CacheOptions(boolean pruneFields, Duration watchOutageGrace) {
    this(pruneFields, watchOutageGrace, LIST_PAGE_SIZE);
  }

  /** The informers' LIST limit: null (no limit) asks for a whole kind in one response. */
  Long informerListLimit() {
    return listPageSize == 0 ? null : listPageSize;
  }

  public CacheOptions withPruneFields(boolean value) {
    return new CacheOptions(value, watchOutageGrace, listPageSize);
  }

  public CacheOptions withWatchOutageGrace(Duration value) {
    return new CacheOptions(pruneFields, value, listPageSize);
  }

  public CacheOptions withListPageSize(long value) {
    return new CacheOptions(pruneFields, watchOutageGrace, value);
  }
}
