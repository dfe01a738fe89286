package dev.mlops.maturity.reliability;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The operator alone in its own JVM (LoadTest starts it with -Xmx512m): runs the standard probes
 * against the given API server until it has evaluated the expected number of targets, then prints
 * one LOAD-RESULT line and exits 0 (1 on timeout; an OutOfMemoryError exits the JVM non-zero).
 */
public final class LoadRun {
  private LoadRun() {}

  public static void main(String[] args) throws Exception {
    String master = args[0];
    int targets = Integer.parseInt(args[1]);
    long deadline = System.nanoTime() + Duration.ofMinutes(Integer.parseInt(args.length > 2 ? args[2] : "10")).toNanos();
    long started = System.nanoTime();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(master)
        .withTrustCerts(true).withRequestTimeout(60_000).build()).build()) {
      OperatorHandle operator = OperatorApp.start(client, ProbeSet.standard(),
          OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofMinutes(5))
              .withShutdownTimeout(Duration.ofSeconds(1)).withConfig(OperatorConfig.EMPTY));
      long synced = System.nanoTime();
      double evaluated = 0;
      while (System.nanoTime() < deadline) {
        evaluated = operator.registry().get("mlops.maturity.evaluation.duration").timer().count();
        if (evaluated >= targets) {
          break;
        }
        Thread.sleep(500);
      }
      System.gc();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
      long max = Runtime.getRuntime().maxMemory() >> 20;
      System.out.printf("LOAD-RESULT evaluated=%d targets=%d syncSeconds=%d totalSeconds=%d heapUsedAfterGcMiB=%d maxHeapMiB=%d%n",
          (long) evaluated, targets, Duration.ofNanos(synced - started).toSeconds(), Duration.ofNanos(System.nanoTime() - started).toSeconds(),
          used, max);
      operator.stop();
      System.exit(evaluated >= targets ? 0 : 1);
    }
  }
}
