package dev.mlops.maturity.external;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.prometheus.HttpPrometheusApi;
import java.time.Clock;

/**
 * The production wiring: the admin's named endpoints, real HTTP clients, answers cached per endpoint
 * and query for {@link #ANSWER_TTL} (failures for less), so watch-driven reconciles reuse them while
 * each target's periodic re-evaluation still sees fresh answers.
 */
public final class HttpExternalSources {
  public static final java.time.Duration ANSWER_TTL = java.time.Duration.ofSeconds(30);

  private HttpExternalSources() {}

  /**
   * For the operator, which keeps answers itself and refreshes them in the background
   * (reconciler.CachedExternalSources): no second cache here, only one request per query at a time.
   */
  public static ConfiguredExternalSources forOperator(OperatorConfig config, TokenResolver tokens, Clock clock) {
    return create(config, tokens, clock).forInterval(java.time.Duration.ZERO);
  }

  /** For one-shot use (assess): answers kept {@link #ANSWER_TTL}, so targets sharing an endpoint ask once. */
  public static ConfiguredExternalSources create(OperatorConfig config, TokenResolver tokens, Clock clock) {
    return new ConfiguredExternalSources(config, tokens,
        (uri, authorization) -> new HttpPrometheusApi(uri.getAuthority(), uri, () -> authorization.get().orElse(null)),
        new AnswerCache(clock)).forInterval(ANSWER_TTL);
  }
}
