package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.cluster.ClusterChange;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.prometheus.GpuUtilisationProbe;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Platform-scope evidence, computed once and shared by every target: recomputed when a kind a
 * platform probe reads changes, or when it is older than {@code maxAge} (HTTP-backed evidence).
 * Each recomputation also measures the platform GPU utilisation; it is data in the {@link Snapshot},
 * published by the publish phase ({@link TransitionPublisher#platform}), never from here.
 */
public final class PlatformEvidence {
  /** Who reads the platform's HTTP answers; a change to one of them re-evaluates every target. */
  public static final String READER = "platform";
  private final EvidenceCollector collector;
  private final ExternalSources external;
  private final ProbeSettings settings;
  private final Set<ResourceKind> platformKinds = new HashSet<>();
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();
  private Snapshot cached;
  private long cachedGeneration = -1;
  private Instant cachedAt = Instant.MIN;

  /**
   * One recomputation: the evidence, and the platform GPU utilisation (a ratio 0..1) that
   * {@link GpuUtilisationProbe#measure} gives when the {@code gpu-utilisation} evidence was decided,
   * empty when it is Unknown. {@code measuresGpu} is false when the ProbeSet has no gpu-utilisation probe.
   */
  public record Snapshot(Map<String, Evidence> evidence, OptionalDouble gpuUtilisation, boolean measuresGpu) {}

  /** @param settings the thresholds the probes run with (the window of the GPU average) */
  public PlatformEvidence(EvidenceCollector collector, ExternalSources external, ProbeSettings settings, Duration maxAge, Clock clock) {
    this.collector = collector;
    this.external = external;
    this.settings = settings;
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

  /** An HTTP answer the platform probes read changed: recompute at the next use. */
  public void externalChanged() {
    generation.incrementAndGet();
  }

  public synchronized Snapshot current(ClusterView cluster) {
    long now = generation.get();
    Instant at = Instant.now(clock);
    if (cached == null || now != cachedGeneration || cachedAt.plus(maxAge).isBefore(at)) {
      Map<String, Evidence> evidence = collector.platform(cluster, external);
      Evidence gpu = evidence.get(GpuUtilisationProbe.CAPABILITY);
      // the measurement asks the queries the probe just asked through the same caching sources: no extra request
      OptionalDouble ratio = gpu == null || gpu.state() == CapabilityState.Unknown ? OptionalDouble.empty() : measure();
      cached = new Snapshot(evidence, ratio, gpu != null);
      cachedGeneration = now;
      cachedAt = at;
    }
    return cached;
  }

  private OptionalDouble measure() {
    Answer<PrometheusApi> api = external.prometheus(GpuUtilisationProbe.ENDPOINT);
    return api instanceof Answer.Ok<PrometheusApi> ok ? GpuUtilisationProbe.measure(ok.value(), settings) : OptionalDouble.empty();
  }
}
