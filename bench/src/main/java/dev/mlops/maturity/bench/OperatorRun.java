package dev.mlops.maturity.bench;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The operator in the bench JVM, on its own client whose requests the API server counts under {@link BenchRunner#OPERATOR}. */
final class OperatorRun implements AutoCloseable {
  final OperatorHandle handle;
  private final KubernetesClient client;

  private OperatorRun(KubernetesClient client, OperatorHandle handle) {
    this.client = client;
    this.handle = handle;
  }

  static OperatorRun start(ApiServer api, String identity) {
    KubernetesClient client = api.newClient(identity);
    try {
      return new OperatorRun(client, OperatorApp.start(client, ProbeSet.standard(), options()));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  static OperatorOptions options() {
    return OperatorOptions.defaults().withMetrics("127.0.0.1", -1).withCacheSyncTimeout(Duration.ofMinutes(5))
        .withShutdownTimeout(Duration.ofSeconds(2)).withPruneCachedFields(true).withConfig(OperatorConfig.EMPTY);
  }

  /** Targets whose observed-level gauge shows the intended level: evaluated since this operator started, whether or not it wrote. */
  int evaluatedAsIntended(Map<String, Integer> intended) {
    int n = 0;
    for (Gauge g : handle.registry().find("mlops.maturity.observed.level").gauges()) {
      Integer want = intended.get(BenchRunner.key(g.getId().getTag("namespace"), g.getId().getTag("target")));
      if (want != null && g.value() == want) {
        n++;
      }
    }
    return n;
  }

  /**
   * Restart cost: the running operator stops, a new one starts (in this JVM: from its start call, a
   * JVM's own start-up not included) and is timed until every target is evaluated at its intended
   * level; its status writes are counted until then and over {@code settle} after, when nothing changed.
   */
  static Map<String, Object> restart(ApiServer api, OperatorRun running, Map<String, Integer> intended, Duration timeout, Duration settle)
      throws InterruptedException {
    running.close();
    String identity = BenchRunner.OPERATOR + "-restarted";
    Traffic.Snapshot before = api.traffic(identity);
    long start = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    try (OperatorRun restarted = start(api, identity)) {
      out.put("startupSeconds", BenchRunner.secondsSince(start));
      long deadline = start + timeout.toNanos();
      boolean all = false;
      while (System.nanoTime() < deadline && !(all = restarted.evaluatedAsIntended(intended) == intended.size())) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      out.put("secondsToAllEvaluated", all ? BenchRunner.secondsSince(start) : Double.NaN);
      out.put("allEvaluated", all);
      out.put("evaluatedTargets", restarted.evaluatedAsIntended(intended));
      Thread.sleep(settle.toMillis());
      Traffic.Snapshot t = api.traffic(identity).minus(before);
      out.put("statusWrites", t.statusWrites());
      out.put("requests", t.requests());
      out.put("bytes", t.totalBytes());
      out.put("largestResponseBytes", t.largestResponse());
    }
    return out;
  }

  @Override
  public void close() {
    try {
      handle.stop();
    } finally {
      client.close();
    }
  }
}
