package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.cluster.ClusterChange;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ResourceKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Platform-scope evidence, computed once and shared by every target: recomputed when a kind a
 * platform probe reads changes, or when it is older than {@code maxAge} (HTTP-backed evidence).
 */
public final class PlatformEvidence {
  private final EvidenceCollector collector;
  private final ExternalSources external;
  private final Set<ResourceKind> platformKinds = new HashSet<>();
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();
  private Map<String, Evidence> cached;
  private long cachedGeneration = -1;
  private Instant cachedAt = Instant.MIN;

  public PlatformEvidence(EvidenceCollector collector, ExternalSources external, Duration maxAge, Clock clock) {
    this.collector = collector;
    this.external = external;
    this.maxAge = maxAge;
    this.clock = clock;
    for (Probe p : collector.probes().ofScope(Scope.PLATFORM)) {
      platformKinds.addAll(p.reads());
    }
  }

  /** Called on informer threads: only marks the cache stale. */
  public void changed(ClusterChange change) {
    if (platformKinds.contains(change.kind())) {
      generation.incrementAndGet();
    }
  }

  public synchronized Map<String, Evidence> current(ClusterView cluster) {
    long now = generation.get();
    Instant at = Instant.now(clock);
    if (cached == null || now != cachedGeneration || cachedAt.plus(maxAge).isBefore(at)) {
      cached = collector.platform(cluster, external);
      cachedGeneration = now;
      cachedAt = at;
    }
    return cached;
  }
}
