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
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Platform-scope evidence, computed once and shared by every target: recomputed when a kind a
 * platform probe reads changes, or when it is older than {@code maxAge} (HTTP-backed evidence).
 * Each recomputation also publishes the platform GPU utilisation to {@link #onGpuUtilisation}
 * subscribers (the {@code platform_gpu_utilisation_ratio} gauge).
 */
public final class PlatformEvidence {
  /** Who reads the platform's HTTP answers; a change to one of them re-evaluates every target. */
  public static final String READER = "platform";
  private final EvidenceCollector collector;
  private final ExternalSources external;
  private final Set<ResourceKind> platformKinds = new HashSet<>();
  private final Duration maxAge;
  private final Clock clock;
  private final AtomicLong generation = new AtomicLong();
  private Map<String, Evidence> cached;
  private long cachedGeneration = -1;
  private Instant cachedAt = Instant.MIN;
  private final List<GpuSubscriber> gpuSubscribers = new CopyOnWriteArrayList<>();

  private record GpuSubscriber(ProbeSettings settings, Consumer<OptionalDouble> listener) {}

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

  /** An HTTP answer the platform probes read changed: recompute at the next use. */
  public void externalChanged() {
    generation.incrementAndGet();
  }

  public synchronized Map<String, Evidence> current(ClusterView cluster) {
    long now = generation.get();
    Instant at = Instant.now(clock);
    if (cached == null || now != cachedGeneration || cachedAt.plus(maxAge).isBefore(at)) {
      cached = collector.platform(cluster, external);
      cachedGeneration = now;
      cachedAt = at;
      publishGpuUtilisation(cached);
    }
    return cached;
  }

  /**
   * Subscribes to the platform GPU utilisation (a ratio 0..1), published each time the platform
   * evidence is recomputed: the value {@link GpuUtilisationProbe#measure} gives when the
   * {@code gpu-utilisation} evidence was decided (Satisfied or Missing), empty when it is Unknown. The
   * measurement asks the same queries the probe just asked through the same (caching) sources, so it
   * costs no extra request. Nothing is published when the ProbeSet has no {@code gpu-utilisation} probe.
   *
   * @param settings the thresholds the probes run with (the window of the average)
   */
  public void onGpuUtilisation(ProbeSettings settings, Consumer<OptionalDouble> listener) {
    gpuSubscribers.add(new GpuSubscriber(settings, listener));
  }

  private void publishGpuUtilisation(Map<String, Evidence> evidence) {
    Evidence gpu = evidence.get(GpuUtilisationProbe.CAPABILITY);
    if (gpu == null) {
      return;
    }
    for (GpuSubscriber s : gpuSubscribers) {
      s.listener().accept(gpu.state() == CapabilityState.Unknown ? OptionalDouble.empty() : measure(s.settings()));
    }
  }

  private OptionalDouble measure(ProbeSettings settings) {
    Answer<PrometheusApi> api = external.prometheus(GpuUtilisationProbe.ENDPOINT);
    return api instanceof Answer.Ok<PrometheusApi> ok ? GpuUtilisationProbe.measure(ok.value(), settings) : OptionalDouble.empty();
  }
}
