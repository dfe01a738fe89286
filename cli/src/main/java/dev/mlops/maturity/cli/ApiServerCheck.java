package dev.mlops.maturity.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.stream.Collectors;

/** What `assess` asks of the API server before and after it evaluates: is it there, and which reads failed. */
final class ApiServerCheck {
  private static final int SHOWN = 3;

  private ApiServerCheck() {}

  /**
   * Throws when the API server cannot be reached or fails (no answer, 401, 5xx); any other answer (a 403 or
   * 404 for /version included) proves it is there.
   */
  static void reachable(KubernetesClient client) {
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      if (e.getCode() <= 0 || e.getCode() == 401 || e.getCode() >= 500) {
        throw e;
      }
    }
  }

  /**
   * Null when the API server answers, else the one-line cause (host, TLS, credentials); asks with few
   * retries so that `run` with a wrong address or certificate says so at once instead of retrying for minutes.
   */
  static String failure(Config config) {
    Config quick = new ConfigBuilder(config).withRequestRetryBackoffLimit(1).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(quick).build()) {
      reachable(client);
      return null;
    } catch (KubernetesClientException e) {
      return ConnectionFailure.describe(config.getMasterUrl(), e);
    }
  }

  /** The first few failed reads, "kind in namespace (reason)". */
  static String summary(Map<String, String> failures) {
    String shown = failures.entrySet().stream().limit(SHOWN).map(f -> f.getKey() + " (" + f.getValue() + ")")
        .collect(Collectors.joining(", "));
    return failures.size() > SHOWN ? shown + " and " + (failures.size() - SHOWN) + " more" : shown;
  }
}
