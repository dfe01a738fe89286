package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.cluster.InformerClusterView;
import dev.mlops.maturity.metrics.ManagementServer;
import dev.mlops.maturity.metrics.MaturityMetrics;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running operator: its metrics, health and a way to stop it. Stopping never exits the JVM. */
public final class OperatorHandle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OperatorHandle.class);

  /** Why the operator stopped. */
  public enum StopReason { STOPPED, LOST_LEADERSHIP, FAILED }

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CompletableFuture<StopReason> terminated = new CompletableFuture<>();
  private final PrometheusMeterRegistry registry;
  private volatile AutoCloseable processMetrics;
  private final MaturityMetrics metrics;
  private final InformerClusterView cluster;
  private final boolean leaderElection;
  private volatile Operator operator;
  private volatile ManagementServer server;
  private volatile boolean leader;
  private volatile boolean started;
  private volatile boolean healthy = true;
  private volatile ReconcileWatchdog watchdog = ReconcileWatchdog.UNWATCHED;

  OperatorHandle(PrometheusMeterRegistry registry, MaturityMetrics metrics, InformerClusterView cluster, boolean leaderElection) {
    this.registry = registry;
    this.metrics = metrics;
    this.cluster = cluster;
    this.leaderElection = leaderElection;
  }

  void attach(Operator operator, ManagementServer server) {
    this.operator = operator;
    this.server = server;
  }

  void watch(ReconcileWatchdog value) {
    watchdog = value;
  }

  void startedUp() {
    started = true;
  }

  void leading(boolean value) {
    leader = value;
  }

  void unhealthy(String why) {
    healthy = false;
    log.error("operator unhealthy: {}", why);
  }

  /** The lease was lost: stop reconciling now, off the election thread. */
  void lostLeadership() {
    if (!stopping.get()) {
      log.warn("lost the leader lease; stopping");
      Thread t = new Thread(() -> stop(StopReason.LOST_LEADERSHIP), "operator-stop");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Live: started and not stopped, no framework informer has died, and no reconcile is stuck. */
  public boolean live() {
    return started && healthy && !stopping.get() && watchdog.progressing();
  }

  /** Ready: caches synced, and this replica is the leader or a standby. */
  public boolean ready() {
    return live() && cluster.synced();
  }

  /** True while this replica holds the lease (always true without leader election once started). */
  public boolean isLeader() {
    return leaderElection ? leader : started && !stopping.get();
  }

  /** The management port actually bound (useful with port 0), or -1 when there is no server. */
  public int metricsPort() {
    ManagementServer s = server;
    return s == null ? -1 : s.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public MaturityMetrics metrics() {
    return metrics;
  }

  public InformerClusterView cluster() {
    return cluster;
  }

  /** Completes when the operator has stopped, with the reason. */
  public CompletableFuture<StopReason> terminated() {
    return terminated;
  }

  public void stop() {
    stop(StopReason.STOPPED);
  }

  @Override
  public void close() {
    stop();
  }

  /** Something to release when the operator stops (the JVM GC metrics' notification listeners). */
  void closeOnStop(AutoCloseable resource) {
    this.processMetrics = resource;
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      log.debug("releasing {} failed: {}", resource, e.toString());
    }
  }

  void stop(StopReason reason) {
    if (!stopping.compareAndSet(false, true)) {
      terminated.join();
      return;
    }
    try {
      Operator o = operator;
      if (o != null) {
        o.stop();
      }
    } catch (RuntimeException e) {
      log.warn("stopping the controller failed: {}", e.toString());
    } finally {
      cluster.close();
      ManagementServer s = server;
      if (s != null) {
        s.close();
      }
      closeQuietly(processMetrics);
      registry.close();
      leader = false;
      terminated.complete(reason);
    }
  }
}
