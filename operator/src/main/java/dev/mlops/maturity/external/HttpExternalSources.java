package dev.mlops.maturity.external;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.prometheus.HttpPrometheusApi;
import java.time.Clock;

/** The production wiring: the admin's named endpoints, real HTTP clients, answers cached per endpoint and query. */
public final class HttpExternalSources {
  private HttpExternalSources() {}

  public static ConfiguredExternalSources create(OperatorConfig config, TokenResolver tokens, Clock clock) {
    return new ConfiguredExternalSources(config, tokens,
        (uri, token) -> new HttpPrometheusApi(uri.getAuthority(), uri, () -> token.get().orElse(null)),
        new AnswerCache(clock));
  }
}
