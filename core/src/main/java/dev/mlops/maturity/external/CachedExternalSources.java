package dev.mlops.maturity.external;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;

/**
 * Named endpoints whose answers come from the one AnswerCache, as one reader (a target, the
 * platform) sees them: every answer it reads is recorded, so a changed answer wakes exactly its readers.
 */
public final class CachedExternalSources implements ExternalSources {
  private final ExternalSources delegate;
  private final AnswerCache cache;
  private final String reader;

  /** Reads that wake nobody (one-shot use). */
  public CachedExternalSources(ExternalSources delegate, AnswerCache cache) {
    this(delegate, cache, AnswerCache.NO_READER);
  }

  public CachedExternalSources(ExternalSources delegate, AnswerCache cache, String reader) {
    this.delegate = delegate;
    this.cache = cache;
    this.reader = reader;
  }

  /** The same sources as {@code reader} sees them in a new evaluation: what it read before is forgotten. */
  public CachedExternalSources readingFor(String reader) {
    cache.forget(reader);
    return new CachedExternalSources(delegate, cache, reader);
  }

  /** As {@link #readingFor}, but keeping what {@code reader} read so far in this evaluation (a later phase of the same reconcile). */
  public CachedExternalSources continuingFor(String reader) {
    return new CachedExternalSources(delegate, cache, reader);
  }

  /** {@code reader} is gone (a deleted target): its reads wake nothing any more. */
  public void forget(String reader) {
    cache.forget(reader);
  }

  @Override
  public Answer<PrometheusApi> prometheus(String endpointName) {
    return delegate.prometheus(endpointName).map(api -> new CachingPrometheusApi(api, "prometheus/" + endpointName, cache, reader));
  }

  @Override
  public Answer<MlflowApi> mlflow(String endpointName) {
    return delegate.mlflow(endpointName).map(api -> new CachingMlflowApi(api, "mlflow/" + endpointName, cache, reader));
  }
}
