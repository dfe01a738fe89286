package dev.mlops.maturity.bench;

import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.reconciler.OperatorHandle;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Gauge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Detection latency of the running operator against the bare-informer floor. */
final class DetectionMeasurement {
  private DetectionMeasurement() {}

  /**
   * Suspends and resumes CronWorkflows of level-2+ targets one at a time; times until the operator's
   * status (seen through a watch) and its observed-level gauge show the new level, and until a bare
   * informer on CronWorkflows sees the change (the floor).
   */
  static Map<String, Object> run(KubernetesClient admin, OperatorHandle handle, SyntheticCluster gen, StatusWatch status,
      FloorWatch floor, int samples) throws InterruptedException {
    List<SyntheticCluster.Workload> candidates = gen.workloads().stream().filter(w -> w.level() >= 2).toList();
    Map<String, Boolean> suspended = new ConcurrentHashMap<>();
    List<Long> statusNs = new ArrayList<>();
    List<Long> metricNs = new ArrayList<>();
    List<Long> floorNs = new ArrayList<>();
    int missed = 0;
    for (int k = 0; k < samples && !candidates.isEmpty(); k++) {
      SyntheticCluster.Workload w = candidates.get(k % candidates.size());
      String key = BenchRunner.key(w.namespace(), w.name());
      boolean suspend = !suspended.getOrDefault(key, false);
      int expected = suspend ? 1 : w.level();
      Gauge gauge = handle.registry().find("mlops.maturity.observed.level").tag("namespace", w.namespace()).tag("target", w.name()).gauge();
      long t0 = System.nanoTime();
      suspend(admin, w, suspend);
      suspended.put(key, suspend);
      long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
      long statusAt = 0;
      long metricAt = 0;
      long floorAt = 0;
      while (System.nanoTime() < deadline && (statusAt == 0 || metricAt == 0 || floorAt == 0)) {
        if (metricAt == 0 && gauge != null && gauge.value() == expected) {
          metricAt = System.nanoTime();
        }
        if (statusAt == 0) {
          statusAt = status.seenAt(key, expected, t0);
        }
        if (floorAt == 0) {
          floorAt = floor.seenAt(key, suspend, t0);
        }
        LockSupport.parkNanos(100_000);
      }
      if (statusAt == 0 || metricAt == 0 || floorAt == 0) {
        missed++;
      } else {
        statusNs.add(statusAt - t0);
        metricNs.add(metricAt - t0);
        floorNs.add(floorAt - t0);
      }
      Thread.sleep(10);
    }
    // back to the intended levels: what is measured next (the audit, a restart) starts from them
    candidates.stream().filter(w -> suspended.getOrDefault(BenchRunner.key(w.namespace(), w.name()), false))
        .forEach(w -> suspend(admin, w, false));
    Stats s = Stats.ofNanos(statusNs);
    Stats m = Stats.ofNanos(metricNs);
    Stats f = Stats.ofNanos(floorNs);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples", statusNs.size());
    out.put("missed", missed);
    out.put("statusMs", s);
    out.put("metricMs", m);
    out.put("floorMs", f);
    out.put("statusP99OverFloorP99", s.p99() / f.p99());
    out.put("metricP99OverFloorP99", m.p99() / f.p99());
    out.put("statusP50OverFloorP50", s.p50() / f.p50());
    return out;
  }

  /** Suspends or resumes the workload's CronWorkflow: level 2+ needs it running, so a suspended one reads as level 1. */
  static void suspend(KubernetesClient admin, SyntheticCluster.Workload w, boolean suspend) {
    admin.genericKubernetesResources(CRON_WORKFLOWS).inNamespace(w.namespace()).withName(w.cronWorkflow())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
  }

  static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext CRON_WORKFLOWS =
      new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup(KindCatalogue.CRON_WORKFLOW.group())
          .withVersion(KindCatalogue.CRON_WORKFLOW.version()).withKind(KindCatalogue.CRON_WORKFLOW.kind()).withPlural(KindCatalogue.CRON_WORKFLOW.plural())
          .withNamespaced(true).build();
}
