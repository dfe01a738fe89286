package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.cluster.CacheOptions;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.ExternalSources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * The one configuration of a running operator: the operator configuration file ({@link OperatorConfig}: integrations,
 * thresholds, watched namespaces, policy, tenancy) and how to run it (metrics, leader election, HTTP sources, clock,
 * timings, caches). Immutable; each {@code with...} returns a copy. {@link #defaults()} is what `run` starts from.
 */
public final class OperatorOptions {
  private OperatorConfig config = OperatorConfig.EMPTY;
  private Set<String> namespaces = Set.of();
  private String metricsHost = "0.0.0.0";
  private int metricsPort = 8080;
  private LeaderElection leaderElection;
  private ExternalSources external = ExternalSources.NONE;
  private Clock clock = Clock.systemUTC();
  private Duration cacheSyncTimeout = Duration.ofSeconds(60);
  private Duration evidenceMaxAge = Duration.ofSeconds(30);
  private int reconcileThreads = 5;
  private Duration shutdownTimeout = Duration.ofSeconds(5);
  private CacheOptions cache = CacheOptions.DEFAULTS;
  private Admission admission;

  private OperatorOptions() {}

  public static OperatorOptions defaults() {
    return new OperatorOptions();
  }

  /** The operator configuration file (integrations, thresholds, watchNamespaces, policy, tenancy). */
  public OperatorConfig config() {
    return config;
  }

  /** Namespaces to watch; empty means the configuration's watchNamespaces (empty: all). */
  public Set<String> namespaces() {
    return namespaces;
  }

  public String metricsHost() {
    return metricsHost;
  }

  /** The management port; 0 picks a free one, negative disables the server. */
  public int metricsPort() {
    return metricsPort;
  }

  /** Null to run without leader election. */
  public LeaderElection leaderElection() {
    return leaderElection;
  }

  public ExternalSources external() {
    return external;
  }

  public Clock clock() {
    return clock;
  }

  public Duration cacheSyncTimeout() {
    return cacheSyncTimeout;
  }

  /** How long HTTP answers are reused: at most the minimum evaluationInterval (30s). */
  public Duration evidenceMaxAge() {
    return evidenceMaxAge;
  }

  public int reconcileThreads() {
    return reconcileThreads;
  }

  /** How long a stop waits for running reconciliations. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** Pruning of cached objects, and how long a kind's watch may be down before its copy stops counting. */
  public CacheOptions cache() {
    return cache;
  }

  /** The admission webhook; null (the default) runs none. */
  public Admission admission() {
    return admission;
  }

  public OperatorOptions withAdmission(Admission value) {
    return copy(o -> o.admission = value);
  }

  public OperatorOptions withConfig(OperatorConfig value) {
    return copy(o -> o.config = value);
  }

  public OperatorOptions withNamespaces(Set<String> value) {
    return copy(o -> o.namespaces = Set.copyOf(value));
  }

  public OperatorOptions withMetrics(String host, int port) {
    return copy(o -> {
      o.metricsHost = host;
      o.metricsPort = port;
    });
  }

  public OperatorOptions withLeaderElection(LeaderElection value) {
    return copy(o -> o.leaderElection = value);
  }

  public OperatorOptions withExternal(ExternalSources value) {
    return copy(o -> o.external = value);
  }

  public OperatorOptions withClock(Clock value) {
    return copy(o -> o.clock = value);
  }

  public OperatorOptions withCacheSyncTimeout(Duration value) {
    return copy(o -> o.cacheSyncTimeout = value);
  }

  public OperatorOptions withShutdownTimeout(Duration value) {
    return copy(o -> o.shutdownTimeout = value);
  }

  /** Whether cached objects are pruned (true by default); false only for measurements. */
  public OperatorOptions withPruneCachedFields(boolean value) {
    return copy(o -> o.cache = cache.withPruneFields(value));
  }

  /** How long a kind's watch may be down before its cached copy stops counting as evidence (default 60 s). */
  public OperatorOptions withWatchOutageGrace(Duration value) {
    return copy(o -> o.cache = cache.withWatchOutageGrace(value));
  }

  private OperatorOptions copy(java.util.function.Consumer<OperatorOptions> change) {
    OperatorOptions o = new OperatorOptions();
    o.config = config;
    o.namespaces = namespaces;
    o.metricsHost = metricsHost;
    o.metricsPort = metricsPort;
    o.leaderElection = leaderElection;
    o.external = external;
    o.clock = clock;
    o.cacheSyncTimeout = cacheSyncTimeout;
    o.evidenceMaxAge = evidenceMaxAge;
    o.reconcileThreads = reconcileThreads;
    o.shutdownTimeout = shutdownTimeout;
    o.cache = cache;
    o.admission = admission;
    change.accept(o);
    return o;
  }

  /** The validating webhook: HTTPS on {@code port} with {@code tls.crt} and {@code tls.key} (PEM) from {@code tlsDir}. */
  public record Admission(int port, java.nio.file.Path tlsDir) {}

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
