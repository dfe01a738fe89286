package dev.mlops.maturity.external;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.util.List;

/** A PrometheusApi whose answers come from the AnswerCache, each read recorded against one reader. */
public final class CachingPrometheusApi implements PrometheusApi {
  private final PrometheusApi delegate;
  private final String endpoint;
  private final AnswerCache cache;
  private final String reader;

  /** {@code endpoint} identifies the server in cache keys (e.g. "prometheus/default"). */
  public CachingPrometheusApi(PrometheusApi delegate, String endpoint, AnswerCache cache, String reader) {
    this.delegate = delegate;
    this.endpoint = endpoint;
    this.cache = cache;
    this.reader = reader;
  }

  @Override
  public Answer<List<Sample>> query(String promql) {
    return cache.get(endpoint, "query\u0000" + promql, reader, () -> delegate.query(promql));
  }

  @Override
  public Answer<List<ScrapeTarget>> activeTargets() {
    return cache.get(endpoint, "targets", reader, delegate::activeTargets);
  }

  @Override
  public Answer<List<AlertRule>> alertRules() {
    return cache.get(endpoint, "rules", reader, delegate::alertRules);
  }
}
