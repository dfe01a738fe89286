package dev.mlops.maturity.cli;

import dev.mlops.maturity.config.InvalidConfigException;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.evaluation.EvaluationInterval;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.SecretReadingClient;
import dev.mlops.maturity.external.SecretTokenResolver;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `run`: the operator. Exit codes: 0 after a normal stop (SIGTERM), 1 when the leader lease was
 * lost or the operator failed (Kubernetes restarts the pod as a standby), 2 for bad configuration.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator: watch MaturityTargets and keep their status, metrics and Events current.")
public class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig to use (default: in-cluster, then ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--config", paramLabel = "FILE", description = "Operator configuration YAML (integrations, thresholds, watchNamespaces).")
  Path config;

  @Option(names = "--namespaces", split = ",", paramLabel = "NS", description = "Only watch these namespaces (default: the configuration's, else all).")
  List<String> namespaces = List.of();

  @Option(names = "--metrics-port", defaultValue = "8080", paramLabel = "PORT", description = "Port for /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--leader-election-namespace", paramLabel = "NS", description = "Namespace of the leader Lease (default: the pod's namespace).")
  String leaderElectionNamespace;

  @Option(names = "--admission-port", paramLabel = "PORT", description = "Serve the validating admission webhook (HTTPS, POST /validate) on PORT; off by default.")
  Integer admissionPort;

  @Option(names = "--admission-tls-dir", defaultValue = "/etc/mlops-maturity/admission-tls", paramLabel = "DIR",
      description = "Directory with the webhook's tls.crt and tls.key (PEM, PKCS#8 key), a mounted kubernetes.io/tls Secret (default: ${DEFAULT-VALUE}).")
  java.nio.file.Path admissionTlsDir;

  @Option(names = "--no-leader-election", description = "Run without leader election (a single replica).")
  boolean noLeaderElection;

  @Option(names = "--watch-outage-grace", defaultValue = "60s", paramLabel = "DURATION",
      description = "How long the watch of a kind may stay down before the capabilities read from it turn Unknown "
          + "(level held, Degraded) instead of trusting a copy that may be stale: 30s, 2m, 1h (default: ${DEFAULT-VALUE}).")
  String watchOutageGrace;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    OperatorConfig operatorConfig;
    Config clientConfig;
    try {
      operatorConfig = config == null ? OperatorConfig.EMPTY : OperatorConfigLoader.load(config);
      clientConfig = ClusterConnection.config(kubeconfig);
    } catch (InvalidConfigException e) {
      return usageError(err, e.getMessage());
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      return usageError(err, "--metrics-port must be between 0 and 65535, got " + metricsPort);
    }
    Duration grace = EvaluationInterval.parse(watchOutageGrace).orElse(Duration.ZERO);
    if (grace.compareTo(Duration.ofSeconds(1)) < 0) {
      return usageError(err, "--watch-outage-grace must be a duration of at least 1s (30s, 2m, 1h), got '" + watchOutageGrace + "'");
    }
    OperatorOptions options = OperatorOptions.defaults()
        .withNamespaces(new LinkedHashSet<>(namespaces))
        .withMetrics("0.0.0.0", metricsPort)
        .withWatchOutageGrace(grace);
    if (admissionPort != null) {
      options = options.withAdmission(new OperatorOptions.Admission(admissionPort, admissionTlsDir));
    }
    if (!noLeaderElection) {
      String leaseNamespace = leaderElectionNamespace != null ? leaderElectionNamespace : ClusterConnection.ownNamespace(clientConfig);
      if (leaseNamespace == null) {
        return usageError(err, "leader election needs a namespace for its Lease: pass --leader-election-namespace NS, "
            + "or --no-leader-election for a single replica");
      }
      options = options.withLeaderElection(OperatorOptions.LeaderElection.in(leaseNamespace));
    }
    String unreachable = ApiServerCheck.failure(clientConfig);
    if (unreachable != null) {
      return usageError(err, unreachable);
    }
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
        KubernetesClient secrets = SecretReadingClient.open(clientConfig)) {
      // token Secrets without a namespace are read from the operator's own namespace
      String ownNamespace = ClusterConnection.ownNamespace(clientConfig);
      options = options.withExternal(HttpExternalSources.forOperator(operatorConfig,
          new SecretTokenResolver(secrets, ownNamespace == null ? "default" : ownNamespace, Clock.systemUTC())));
      // a signal during start-up is remembered and honoured as soon as the operator runs
      java.util.concurrent.CompletableFuture<OperatorHandle> started = new java.util.concurrent.CompletableFuture<>();
      CleanStop.onTermination(() -> started.thenAccept(OperatorHandle::stop));
      OperatorHandle handle = OperatorApp.start(client, ProbeSet.standard(), options.withConfig(operatorConfig));
      Runtime.getRuntime().addShutdownHook(new Thread(handle::stop, "operator-shutdown"));
      started.complete(handle);
      OperatorHandle.StopReason reason = handle.terminated().join();
      return reason == OperatorHandle.StopReason.STOPPED ? 0 : 1;
    } catch (KubernetesClientException e) {
      err.println("error: " + ConnectionFailure.describe(clientConfig.getMasterUrl(), e));
      err.flush();
      return 1;
    }
  }


  private static int usageError(PrintWriter err, String message) {
    err.println("error: " + message);
    err.flush();
    return 2;
  }
}
