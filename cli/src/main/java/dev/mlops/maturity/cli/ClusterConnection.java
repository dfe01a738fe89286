package dev.mlops.maturity.cli;

import dev.mlops.maturity.config.InvalidConfigException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the commands reach the cluster: a kubeconfig file, else in-cluster config, else ~/.kube/config. */
final class ClusterConnection {
  private static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private ClusterConnection() {}

  static Config config(Path kubeconfig) throws InvalidConfigException {
    return config(kubeconfig, null);
  }

  /** {@code context} selects a kubeconfig context (null: the current one). */
  static Config config(Path kubeconfig, String context) throws InvalidConfigException {
    Config config = load(kubeconfig, context);
    if (context != null && (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName()))) {
      throw new InvalidConfigException("the kubeconfig has no context named '" + context + "'");
    }
    if (plainHttp(config)) {
      // kubectl proxy, a local test server: speak HTTP/1.1 as client-go does without TLS; the JDK client would
      // otherwise try an h2c upgrade, which such servers answer unreliably (a protocol error now and then)
      config.setHttp2Disable(true);
    }
    return config;
  }

  /**
   * For a one-shot command (assess, --plan, a fleet): a CI job fails fast on an unreachable API server instead of
   * retrying for a minute.
   */
  static Config oneShot(Path kubeconfig, String context) throws InvalidConfigException {
    Config config = config(kubeconfig, context);
    config.setRequestRetryBackoffLimit(2);
    return config;
  }

  static boolean plainHttp(Config config) {
    return config.getMasterUrl() != null && config.getMasterUrl().regionMatches(true, 0, "http://", 0, 7);
  }

  private static Config load(Path kubeconfig, String context) throws InvalidConfigException {
    if (kubeconfig == null) {
      return context == null ? new ConfigBuilder().build() : Config.autoConfigure(context);
    }
    try {
      return Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new InvalidConfigException("kubeconfig " + kubeconfig + " is not usable: " + e.getMessage());
    }
  }

  /** In a pod, the service account's namespace; elsewhere the kubeconfig context's namespace, if any. */
  static String ownNamespace(Config config) {
    try {
      if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
        return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
      }
    } catch (IOException e) {
      // fall through to the client configuration
    }
    return config.getNamespace();
  }
}
