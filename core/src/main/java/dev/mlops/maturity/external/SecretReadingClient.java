package dev.mlops.maturity.external;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The client that reads token Secrets: Fabric8's HTTP trace (added when its logger is at TRACE) logs
 * response bodies, which for a Secret are its credentials, so this client never carries it (issue 19).
 */
public final class SecretReadingClient {
  /** Fabric8's name for its HTTP trace interceptor (StandardHttpClientBuilder). */
  static final String HTTP_LOGGING = "HttpLogging";

  private SecretReadingClient() {}

  /** A new client on {@code config} without the HTTP trace; the caller closes it. */
  public static KubernetesClient open(Config config) {
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(HTTP_LOGGING, null))
        .build();
  }
}
