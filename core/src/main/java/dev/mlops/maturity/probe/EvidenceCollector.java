package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    return runAll(probes.ofScope(Scope.PLATFORM), null, cluster, external);
  }

  /** Workload-scope evidence for the capabilities asked for, merged with the platform evidence. */
  public Map<String, Evidence> workload(
      WorkloadTarget target, ClusterView cluster, ExternalSources external, Map<String, Evidence> platform, Set<String> capabilities) {
    List<Probe> toRun = new ArrayList<>();
    for (String id : capabilities) {
      if (!platform.containsKey(id)) {
        probes.find(id).filter(p -> p.scope() == Scope.WORKLOAD).ifPresent(toRun::add);
      }
    }
    Map<String, Evidence> ran = runAll(toRun, target, cluster, external);
    Map<String, Evidence> out = new LinkedHashMap<>();
    for (String id : capabilities) {
      Evidence e = platform.containsKey(id) ? platform.get(id) : ran.get(id);
      if (e != null) {
        out.put(id, e);
      }
    }
    return out;
  }

  /** Runs the probes, each through its own {@link ProbeReads}, so an Unknown verdict says why (NotConfigured is not a failure). */
  private Map<String, Evidence> runAll(List<Probe> toRun, WorkloadTarget target, ClusterView cluster, ExternalSources external) {
    List<ProbeReads> reads = new ArrayList<>(toRun.size());
    List<ProbeRunner.Job> jobs = new ArrayList<>(toRun.size());
    for (Probe probe : toRun) {
      ProbeReads r = new ProbeReads(cluster, external, target != null);
      reads.add(r);
      jobs.add(new ProbeRunner.Job(probe, new ProbeContext(target, r, r, settings, clock)));
    }
    ProbeTimings observer = timings;
    Evidence[] results = RUNNER.runAll(jobs, deadline, (probe, took) -> observer.observe(ProbeTimings.familyOf(probe), took));
    Map<String, Evidence> out = new LinkedHashMap<>();
    for (int i = 0; i < toRun.size(); i++) {
      out.put(toRun.get(i).capability(), reads.get(i).explain(results[i]));
    }
    return out;
  }
}
