package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs the probes: platform-scope ones once per cycle, workload ones per target. A probe that
 * throws anything (an Error such as StackOverflowError included) or overruns its deadline yields
 * Unknown evidence naming the failure; it never stops the others nor the calling thread. An Unknown
 * verdict gets its reason from what the probe read ({@link ProbeReads}).
 */
public final class EvidenceCollector {
  /** How long one probe may take before its capability is Unknown (HTTP answers are bounded separately). */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  private static final ProbeRunner RUNNER = new ProbeRunner(64);

  private final ProbeSet probes;
  private final ProbeSettings settings;
  private final Clock clock;
  private final Duration deadline;
  private volatile ProbeTimings timings = ProbeTimings.NONE;

  public EvidenceCollector(ProbeSet probes, ProbeSettings settings, Clock clock) {
    this(probes, settings, clock, DEFAULT_DEADLINE);
  }

  public EvidenceCollector(ProbeSet probes, ProbeSettings settings, Clock clock, Duration deadline) {
    this.probes = probes;
    this.settings = settings;
    this.clock = clock;
    this.deadline = deadline;
  }

  /** Reports how long each probe run took, by family (the operator's probe-latency histogram). */
  public EvidenceCollector timedBy(ProbeTimings value) {
    this.timings = value;
    return this;
  }

  public ProbeSet probes() {
    return probes;
  }

  /** Platform-scope evidence for the whole cluster (shared by all targets of one cycle). */
  public Map<String, Evidence> platform(ClusterView cluster, ExternalSources external) {
    Map<String, Evidence> out = new LinkedHashMap<>();
    for (Probe p : probes.ofScope(Scope.PLATFORM)) {
      out.put(p.capability(), run(p, null, cluster, external));
    }
    return out;
  }

  /** Workload-scope evidence for the capabilities asked for, merged with the platform evidence. */
  public Map<String, Evidence> workload(
      WorkloadTarget target, ClusterView cluster, ExternalSources external, Map<String, Evidence> platform, Set<String> capabilities) {
    Map<String, Evidence> out = new LinkedHashMap<>();
    for (String id : capabilities) {
      if (platform.containsKey(id)) {
        out.put(id, platform.get(id));
        continue;
      }
      probes.find(id).filter(p -> p.scope() == Scope.WORKLOAD).ifPresent(p -> out.put(id, run(p, target, cluster, external)));
    }
    return out;
  }

  /** Runs one probe through a {@link ProbeReads}, so an Unknown verdict says why (NotConfigured is not a failure). */
  private Evidence run(Probe probe, WorkloadTarget target, ClusterView cluster, ExternalSources external) {
    ProbeReads reads = new ProbeReads(cluster, external, target != null);
    ProbeContext context = new ProbeContext(target, reads, reads, settings, clock);
    long start = System.nanoTime();
    try {
      return reads.explain(RUNNER.run(probe, context, deadline));
    } finally {
      timings.observe(ProbeTimings.familyOf(probe), Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
