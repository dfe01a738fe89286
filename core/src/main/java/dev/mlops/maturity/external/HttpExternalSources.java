package dev.mlops.maturity.external;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.ExternalSources;
import java.time.Clock;
import java.time.Duration;

/** The production wiring: the admin's named endpoints over real HTTP clients. */
public final class HttpExternalSources {
  /** How long `assess` keeps an answer: one run asks each query once. */
  public static final Duration ANSWER_TTL = Duration.ofSeconds(30);

  private HttpExternalSources() {}

  /** For the operator, which keeps answers in its own refreshing AnswerCache: no cache here. */
  public static ExternalSources forOperator(OperatorConfig config, TokenResolver tokens) {
    return new ConfiguredExternalSources(config, tokens);
  }

  /** For one-shot use (assess): a plain per-run cache, so targets sharing an endpoint ask once. */
  public static ExternalSources create(OperatorConfig config, TokenResolver tokens, Clock clock) {
    return new CachedExternalSources(new ConfiguredExternalSources(config, tokens), new AnswerCache(clock, ANSWER_TTL));
  }
}
