package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.cluster.CacheOptions;
import dev.mlops.maturity.probe.ExternalSources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * How to run the operator, beyond the operator configuration: where to serve metrics, whether to
 * elect a leader, which HTTP sources and clock to use. {@link #defaults()} is what `run` uses.
 *
 * @param namespaces namespaces to watch; empty means the configuration's watchNamespaces (empty: all)
 * @param metricsPort the management port; 0 picks a free one, negative disables the server
 * @param leaderElection null to run without leader election
 * @param evidenceMaxAge how long platform evidence and HTTP answers are reused; at most the minimum
 *     evaluationInterval (30s), so every periodic re-evaluation sees fresh answers
 * @param shutdownTimeout how long a stop waits for running reconciliations
 * @param cache how the informer caches behave: pruning of cached objects, and how long a kind's
 *     watch may be down before its cached copy stops counting as evidence (see {@link CacheOptions})
 */
public record OperatorOptions(
    Set<String> namespaces, String metricsHost, int metricsPort, LeaderElection leaderElection, ExternalSources external,
    Clock clock, Duration cacheSyncTimeout, Duration evidenceMaxAge, int reconcileThreads, Duration shutdownTimeout,
    CacheOptions cache) {

  public OperatorOptions {
    namespaces = Set.copyOf(namespaces);
  }

  public static OperatorOptions defaults() {
    return new OperatorOptions(Set.of(), "0.0.0.0", 8080, null, ExternalSources.NONE, Clock.systemUTC(),
        Duration.ofSeconds(60), Duration.ofSeconds(30), 5, Duration.ofSeconds(5), CacheOptions.DEFAULTS);
  }

  public OperatorOptions withNamespaces(Set<String> value) {
    return new OperatorOptions(value, metricsHost, metricsPort, leaderElection, external, clock, cacheSyncTimeout, evidenceMaxAge, reconcileThreads, shutdownTimeout, cache);
  }

  public OperatorOptions withMetrics(String host, int port) {
    return new OperatorOptions(namespaces, host, port, leaderElection, external, clock, cacheSyncTimeout, evidenceMaxAge, reconcileThreads, shutdownTimeout, cache);
  }

  public OperatorOptions withLeaderElection(LeaderElection value) {
    return new OperatorOptions(namespaces, metricsHost, metricsPort, value, external, clock, cacheSyncTimeout, evidenceMaxAge, reconcileThreads, shutdownTimeout, cache);
  }

  public OperatorOptions withExternal(ExternalSources value) {
    return new OperatorOptions(namespaces, metricsHost, metricsPort, leaderElection, value, clock, cacheSyncTimeout, evidenceMaxAge, reconcileThreads, shutdownTimeout, cache);
  }

  public OperatorOptions withClock(Clock value) {
    return new OperatorOptions(namespaces, metricsHost, metricsPort, leaderElection, external, value, cacheSyncTimeout, evidenceMaxAge, reconcileThreads, shutdownTimeout, cache);
  }

  public OperatorOptions withCacheSyncTimeout(Duration value) {
    return new OperatorOptions(namespaces, metricsHost, metricsPort, leaderElection, external, clock, value, evidenceMaxAge, reconcileThreads, shutdownTimeout, cache);
  }

  public OperatorOptions withEvidenceMaxAge(Duration value) {
    return new OperatorOptions(namespaces, metricsHost, metricsPort, leaderElection, external, clock, cacheSyncTimeout, value, reconcileThreads, shutdownTimeout, cache);
  }

  /** How long a stop waits for running reconciliations. */
  public OperatorOptions withShutdownTimeout(Duration value) {
    return new OperatorOptions(namespaces, metricsHost, metricsPort, leaderElection, external, clock, cacheSyncTimeout, evidenceMaxAge, reconcileThreads, value, cache);
  }

  /** Whether cached objects are pruned (true by default); false only for measurements. */
  public OperatorOptions withPruneCachedFields(boolean value) {
    return withCache(cache.withPruneFields(value));
  }

  /** How long a kind's watch may be down before its cached copy stops counting as evidence (default 60 s). */
  public OperatorOptions withWatchOutageGrace(Duration value) {
    return withCache(cache.withWatchOutageGrace(value));
  }

  private OperatorOptions withCache(CacheOptions value) {
    return new OperatorOptions(namespaces, metricsHost, metricsPort, leaderElection, external, clock, cacheSyncTimeout, evidenceMaxAge, reconcileThreads, shutdownTimeout, value);
  }

  /**
   * A Lease-based election: only the holder reconciles; a replica that loses the lease stops (the
   * `run` command then exits non-zero so Kubernetes restarts it as a standby).
   */
  public record LeaderElection(String leaseName, String namespace, String identity, Duration leaseDuration,
      Duration renewDeadline, Duration retryPeriod) {
    public static final String DEFAULT_LEASE = "mlops-maturity-operator";

    public static LeaderElection in(String namespace) {
      return new LeaderElection(DEFAULT_LEASE, namespace, defaultIdentity(), Duration.ofSeconds(15), Duration.ofSeconds(10),
          Duration.ofSeconds(2));
    }

    public LeaderElection withTimings(Duration lease, Duration renew, Duration retry) {
      return new LeaderElection(leaseName, namespace, identity, lease, renew, retry);
    }

    public LeaderElection withIdentity(String value) {
      return new LeaderElection(leaseName, namespace, value, leaseDuration, renewDeadline, retryPeriod);
    }

    private static String defaultIdentity() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "operator";
      }
      return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
