package dev.mlops.maturity.external;

import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.mlflow.HttpMlflowApi;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.HttpPrometheusApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The endpoints the admin's configuration names, by name only: a target picks a name and can never
 * supply an address. One client per endpoint (created on first use) over its {@link JsonEndpoint},
 * whose credential is read through the TokenResolver before each request. No cache here: answers
 * are kept once, in the AnswerCache.
 */
public final class ConfiguredExternalSources implements ExternalSources {
  private final OperatorConfig config;
  private final TokenResolver tokens;
  private final Function<JsonEndpoint, PrometheusApi> prometheusFactory;
  private final Function<JsonEndpoint, MlflowApi> mlflowFactory;
  private final JsonEndpoint.Limits limits;
  private final Map<String, PrometheusApi> prometheus = new ConcurrentHashMap<>();
  private final Map<String, MlflowApi> mlflow = new ConcurrentHashMap<>();

  /** The production clients (HttpPrometheusApi, HttpMlflowApi) with the default deadlines and body cap. */
  public ConfiguredExternalSources(OperatorConfig config, TokenResolver tokens) {
    this(config, tokens, HttpPrometheusApi::new, HttpMlflowApi::new, JsonEndpoint.Limits.DEFAULTS);
  }

  /**
   * @param prometheusFactory makes the Prometheus client of one endpoint from its transport
   * @param mlflowFactory makes the MLflow client of one endpoint from its transport
   */
  public ConfiguredExternalSources(OperatorConfig config, TokenResolver tokens,
      Function<JsonEndpoint, PrometheusApi> prometheusFactory, Function<JsonEndpoint, MlflowApi> mlflowFactory,
      JsonEndpoint.Limits limits) {
    this.config = config;
    this.tokens = tokens;
    this.prometheusFactory = prometheusFactory;
    this.mlflowFactory = mlflowFactory;
    this.limits = limits;
  }

  @Override
  public Answer<PrometheusApi> prometheus(String endpointName) {
    Endpoint endpoint = lookup(config.prometheus(), endpointName);
    if (endpoint == null) {
      return Answer.notConfigured("prometheus", endpointName);
    }
    // failures name the server (its authority), as the admin configured it
    return Answer.ok(prometheus.computeIfAbsent(endpointName, n -> prometheusFactory.apply(
        HttpPrometheusApi.endpoint(endpoint.url().getAuthority() == null ? n : endpoint.url().getAuthority(), endpoint.url(),
            Credentials.of(endpoint, tokens), limits))));
  }

  @Override
  public Answer<MlflowApi> mlflow(String endpointName) {
    Endpoint endpoint = lookup(config.mlflow(), endpointName);
    if (endpoint == null) {
      return Answer.notConfigured("mlflow", endpointName);
    }
    return Answer.ok(mlflow.computeIfAbsent(endpointName,
        n -> mlflowFactory.apply(HttpMlflowApi.endpoint(endpoint.url(), Credentials.of(endpoint, tokens), limits))));
  }

  /** Only an exact configured name selects an endpoint; anything else (a URL included) is just an unknown name. */
  private static Endpoint lookup(Map<String, Endpoint> endpoints, String name) {
    return name == null || endpoints == null ? null : endpoints.get(name);
  }
}
