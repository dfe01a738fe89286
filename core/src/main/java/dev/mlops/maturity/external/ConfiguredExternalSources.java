package dev.mlops.maturity.external;

import dev.mlops.maturity.config.BasicAuthRef;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.SecretKeyRef;
import dev.mlops.maturity.evaluation.EvaluationInterval;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.mlflow.HttpMlflowApi;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The endpoints the admin's configuration names, by name only: a target picks a name and can never
 * supply an address. One client per endpoint (created on first use), answers cached per endpoint and
 * query for the evaluation interval, credentials read through the TokenResolver on each request and
 * handed to the client as the value of its Authorization header ({@code Bearer <token>} or
 * {@code Basic <base64 of username:password>}).
 */
public final class ConfiguredExternalSources implements ExternalSources {
  private final Clients clients;
  private final Duration ttl;

  private record Clients(
      OperatorConfig config, TokenResolver tokens,
      BiFunction<URI, Supplier<Optional<String>>, PrometheusApi> prometheusFactory,
      BiFunction<URI, Supplier<Optional<String>>, MlflowApi> mlflowFactory,
      AnswerCache cache, Map<String, PrometheusApi> prometheus, Map<String, MlflowApi> mlflow) {}

  /**
   * @param prometheusFactory makes the Prometheus client of one endpoint from its server root and a
   *     supplier of the current Authorization header value (HttpPrometheusApi in production)
   */
  public ConfiguredExternalSources(OperatorConfig config, TokenResolver tokens,
      BiFunction<URI, Supplier<Optional<String>>, PrometheusApi> prometheusFactory, AnswerCache cache) {
    this(config, tokens, prometheusFactory, HttpMlflowApi::new, cache);
  }

  public ConfiguredExternalSources(OperatorConfig config, TokenResolver tokens,
      BiFunction<URI, Supplier<Optional<String>>, PrometheusApi> prometheusFactory,
      BiFunction<URI, Supplier<Optional<String>>, MlflowApi> mlflowFactory, AnswerCache cache) {
    this(new Clients(config, tokens, prometheusFactory, mlflowFactory, cache, new ConcurrentHashMap<>(), new ConcurrentHashMap<>()),
        EvaluationInterval.DEFAULT);
  }

  private ConfiguredExternalSources(Clients clients, Duration ttl) {
    this.clients = clients;
    this.ttl = ttl;
  }

  /** The same endpoints, clients and cache, with answers kept for a target's evaluation interval. */
  public ConfiguredExternalSources forInterval(Duration evaluationInterval) {
    return evaluationInterval == null || evaluationInterval.equals(ttl) ? this : new ConfiguredExternalSources(clients, evaluationInterval);
  }

  @Override
  public Answer<PrometheusApi> prometheus(String endpointName) {
    Endpoint endpoint = lookup(clients.config().prometheus(), endpointName);
    if (endpoint == null) {
      return Answer.notConfigured("prometheus", endpointName);
    }
    PrometheusApi api = clients.prometheus().computeIfAbsent(endpointName,
        n -> clients.prometheusFactory().apply(endpoint.url(), authorizationOf(endpoint)));
    return Answer.ok(new CachingPrometheusApi(api, "prometheus/" + endpointName, clients.cache(), ttl));
  }

  @Override
  public Answer<MlflowApi> mlflow(String endpointName) {
    Endpoint endpoint = lookup(clients.config().mlflow(), endpointName);
    if (endpoint == null) {
      return Answer.notConfigured("mlflow", endpointName);
    }
    MlflowApi api = clients.mlflow().computeIfAbsent(endpointName, n -> clients.mlflowFactory().apply(endpoint.url(), authorizationOf(endpoint)));
    return Answer.ok(new CachingMlflowApi(api, "mlflow/" + endpointName, clients.cache(), ttl));
  }

  /** Only an exact configured name selects an endpoint; anything else (a URL included) is just an unknown name. */
  private static Endpoint lookup(Map<String, Endpoint> endpoints, String name) {
    return name == null || endpoints == null ? null : endpoints.get(name);
  }

  private Supplier<Optional<String>> authorizationOf(Endpoint endpoint) {
    TokenResolver tokens = clients.tokens();
    if (tokens == null) {
      return Optional::empty;
    }
    SecretKeyRef token = endpoint.tokenSecretRef();
    if (token != null) {
      return () -> tokens.token(token).map(t -> "Bearer " + t);
    }
    BasicAuthRef basic = endpoint.basicAuthSecretRef();
    if (basic != null) {
      return () -> tokens.token(basic.username()).flatMap(user -> tokens.token(basic.password())
          .map(password -> "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }
    return Optional::empty;
  }
}
