package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.cluster.InformerClusterView;
import dev.mlops.maturity.config.LedgerConfig;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.ledger.CloudEventSink;
import dev.mlops.maturity.ledger.ClusterLedgers;
import dev.mlops.maturity.ledger.LedgerWriter;
import dev.mlops.maturity.ledger.PromotionRecorder;
import dev.mlops.maturity.ledger.PromotionSink;
import dev.mlops.maturity.external.AnswerCache;
import dev.mlops.maturity.external.CachedExternalSources;
import dev.mlops.maturity.metrics.ManagementServer;
import dev.mlops.maturity.metrics.MaturityMetrics;
import dev.mlops.maturity.metrics.ProbeLatency;
import dev.mlops.maturity.metrics.ProcessMetrics;
import dev.mlops.maturity.assessment.ClusterExceptions;
import dev.mlops.maturity.assessment.ClusterModels;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.status.StatusFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the operator: wires informer caches, probes, the reconciler, metrics,
 * Events and leader election against a given client. `run` and `demo` both start the operator
 * through {@link #start}.
 */
public final class OperatorApp {
  private static final Logger log = LoggerFactory.getLogger(OperatorApp.class);
  /** How often HTTP answers are checked for age; each is re-fetched once older than the evidence max age. */
  static final Duration POLL = Duration.ofSeconds(2);
  /**
   * A failed reconcile (a status write answered 404 while the API server reloads, a 503) is retried
   * after 0.5 s, then 1.5x longer each time up to 30 s, and never given up: JOSDK's default stops after
   * five attempts, after which a target would wait for the next event to be looked at again.
   */
  public static final GenericRetry RETRY = new GenericRetry().setInitialInterval(500).setIntervalMultiplier(1.5)
      .setMaxInterval(30_000).withoutMaxAttempts();

  private OperatorApp() {}

  /**
   * Starts the operator and returns once its caches are synced (or the sync timeout passed) and the
   * controller runs (as leader, or as standby with leader election).
   */
  public static OperatorHandle start(KubernetesClient client, ProbeSet probes, OperatorOptions options) {
    OperatorConfig config = options.config();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AutoCloseable processMetrics = ProcessMetrics.bindTo(registry);
    MaturityMetrics metrics = new MaturityMetrics(registry, probes);
    Set<String> namespaces = options.namespaces().isEmpty() ? Set.copyOf(config.watchNamespaces()) : options.namespaces();

    Set<ResourceKind> kinds = watched(probes);
    TargetEventSource clusterEvents = new TargetEventSource();
    EvidenceCollector collector = new EvidenceCollector(probes, config.thresholds(), options.clock()).timedBy(new ProbeLatency(registry));
    AnswerCache answers = new AnswerCache(options.clock(), options.evidenceMaxAge());
    CachedExternalSources external = new CachedExternalSources(options.external(), answers);
    PlatformEvidence platform = new PlatformEvidence(collector, external.readingFor(PlatformEvidence.READER),
        config.thresholds(), options.evidenceMaxAge(), options.clock());
    // HTTP evidence is polled and refreshed off the reconcile path, two requests at a time at most
    ScheduledExecutorService refresher = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "http-evidence-refresh");
      t.setDaemon(true);
      return t;
    });
    answers.refreshInBackground(refresher, readers -> {
      if (readers.contains(PlatformEvidence.READER)) {
        platform.externalChanged();
      }
      clusterEvents.evaluate(readers);
    });
    refresher.scheduleWithFixedDelay(answers::refreshStale, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    InformerClusterView cluster = new InformerClusterView(client, kinds, namespaces, change -> {
      platform.changed(change);
      clusterEvents.accept(change);
    }, options.cache());

    OperatorHandle handle = new OperatorHandle(registry, metrics, cluster, options.leaderElection() != null);
    handle.closeOnStop(processMetrics);
    handle.terminated().whenComplete((reason, error) -> refresher.shutdownNow());
    ManagementServer server = null;
    try {
      cluster.start(options.cacheSyncTimeout());
      clusterEvents.readExceptionsFrom(cluster);
      if (options.metricsPort() >= 0) {
        server = ManagementServer.start(options.metricsHost(), options.metricsPort(), registry, handle::live, handle::ready);
      }
      String instance = options.leaderElection() == null ? "standalone" : options.leaderElection().identity();
      TargetObserver evaluator = new TargetObserver(new ClusterModels(BuiltInModels.load(), cluster),
          new TargetAssessor(collector, options.clock(), config.policy()), platform, cluster, external);
      if (options.admission() != null) {
        handle.closeOnStop(AdmissionWebhook.start(options.admission(), client, cluster, external,
            new TargetAssessor(collector, options.clock(), config.policy())));
      }
      MaturityTargetReconciler reconciler = new MaturityTargetReconciler(evaluator, new StatusFactory(options.clock()),
          new StatusWriter(), new TransitionPublisher(metrics, new TargetEvents(client, options.clock(), instance), options.clock()),
          clusterEvents, metrics);
      // sink deliveries (with their retry delays) run on their own thread, never on the reconcile or refresh threads
      ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "promotion-sink");
        t.setDaemon(true);
        return t;
      });
      handle.terminated().whenComplete((reason, error) -> delivery.shutdownNow());
      reconciler.recordsPromotionsWith(promotions(client, cluster, metrics, config, options, delivery));
      ReconcileWatchdog watchdog = new ReconcileWatchdog(options.clock(), ReconcileWatchdog.DEFAULT_STALL_LIMIT);
      reconciler.watchedBy(watchdog);
      if (config.reportsEnabled()) {
        reconciler.reportsTo(new OpenReportsWriter(client, options.clock()));
      }
      handle.watch(watchdog);

      Operator operator = new Operator(o -> {
        o.withKubernetesClient(client)
            .withCloseClientOnStop(false)
            .withUseSSAToPatchPrimaryResource(false)
            .withResourceCloner(new TargetCloner(client.getKubernetesSerialization()))
            .withStopOnInformerErrorDuringStartup(false)
            .checkingCRDAndValidateLocalModel(false)
            .withCacheSyncTimeout(options.cacheSyncTimeout())
            .withReconciliationTerminationTimeout(options.shutdownTimeout())
            .withConcurrentReconciliationThreads(options.reconcileThreads())
            .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build())
            // JOSDK's default exits the JVM when an informer dies; we report it on /healthz instead
            .withInformerStoppedHandler((informer, error) -> {
              if (error != null) {
                handle.unhealthy("informer for " + informer.getApiTypeClass().getSimpleName() + " stopped: " + error);
              }
            });
        if (options.leaderElection() != null) {
          OperatorOptions.LeaderElection le = options.leaderElection();
          o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(le.leaseName())
              .withLeaseNamespace(le.namespace())
              .withIdentity(le.identity())
              .withLeaseDuration(le.leaseDuration())
              .withRenewDeadline(le.renewDeadline())
              .withRetryPeriod(le.retryPeriod())
              .withExitOnStopLeading(false)
              .withLeaderCallbacks(new LeaderCallbacks(
                  () -> {
                    log.info("{} is the leader", le.identity());
                    handle.leading(true);
                  },
                  () -> {
                    handle.leading(false);
                    handle.lostLeadership();
                  },
                  leader -> log.info("leader is now {}", leader)))
              .build());
        }
      });
      operator.register(reconciler, c -> {
        c.withTriggerReconcilerOnAllEvents(true);
        c.withRetry(RETRY);
        c.withInformerListLimit(listLimit(options));
        if (!namespaces.isEmpty()) {
          c.settingNamespaces(namespaces);
        }
      });
      // custom models get status.valid/problems and a Ready condition; cluster-scoped, so no namespaces
      operator.register(new MaturityModelStatusWriter(options.clock()), c -> c.withInformerListLimit(listLimit(options)));
      handle.attach(operator, server);
      operator.start();
      handle.startedUp();
      // with --metrics-port 0 the port is only known now: say which one, once
      log.info("operator started: watching {} kinds in {}; /metrics, /healthz and /readyz on port {}", cluster.watchedKinds().size(),
          namespaces.isEmpty() ? "all namespaces" : String.join(", ", namespaces), handle.metricsPort());
      return handle;
    } catch (RuntimeException e) {
      handle.attach(null, server);
      handle.stop(OperatorHandle.StopReason.FAILED);
      throw e;
    }
  }

  /** The framework's informers page their LISTs as the cluster view's do (null: no limit). */
  private static Long listLimit(OperatorOptions options) {
    return options.cache().listPageSize() == 0 ? null : options.cache().listPageSize();
  }

  /** Every kind the probes read, plus custom models and exceptions (an edit re-evaluates the targets concerned). */
  public static Set<ResourceKind> watched(ProbeSet probes) {
    Set<ResourceKind> kinds = new LinkedHashSet<>(probes.kinds());
    kinds.add(ClusterModels.KIND);
    kinds.add(ClusterExceptions.KIND);
    kinds.add(ClusterLedgers.KIND);
    return kinds;
  }

  /** The promotion ledger and its optional CloudEvents sink, delivering on the background executor. */
  static PromotionRecorder promotions(KubernetesClient client, InformerClusterView cluster, MaturityMetrics metrics, OperatorConfig config,
      OperatorOptions options, ScheduledExecutorService executor) {
    LedgerConfig ledger = config.ledger();
    PromotionRecorder recorder = new PromotionRecorder(cluster, new LedgerWriter(client), metrics, config.thresholds(), options.clock(),
        ledger.maxEntries(), PromotionSink.NONE);
    ledger.sinkUrl().ifPresent(url -> recorder.sendingTo(
        new CloudEventSink(url, ledger.maxAttempts(), ledger.retryDelay(), executor, recorder)));
    return recorder;
  }
}
