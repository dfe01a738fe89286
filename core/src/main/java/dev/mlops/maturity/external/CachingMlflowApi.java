package dev.mlops.maturity.external;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import java.time.Duration;
import java.util.List;

/** An MlflowApi whose answers come from the shared AnswerCache for the evaluation interval. */
public final class CachingMlflowApi implements MlflowApi {
  private static final char SEP = '\u0000';
  private final MlflowApi delegate;
  private final String endpoint;
  private final AnswerCache cache;
  private final Duration ttl;

  /** {@code endpoint} identifies the server in cache keys (e.g. "mlflow/default"). */
  public CachingMlflowApi(MlflowApi delegate, String endpoint, AnswerCache cache, Duration ttl) {
    this.delegate = delegate;
    this.endpoint = endpoint;
    this.cache = cache;
    this.ttl = ttl;
  }

  @Override
  public Answer<RegisteredModel> registeredModel(String name) {
    return cache.get(endpoint, "registered-models/get" + SEP + name, ttl, () -> delegate.registeredModel(name));
  }

  @Override
  public Answer<List<ModelVersion>> modelVersions(String name) {
    return cache.get(endpoint, "model-versions/search" + SEP + name, ttl, () -> delegate.modelVersions(name));
  }

  @Override
  public Answer<ModelVersion> alias(String name, String alias) {
    return cache.get(endpoint, "registered-models/alias" + SEP + name + SEP + alias, ttl, () -> delegate.alias(name, alias));
  }

  @Override
  public Answer<Run> run(String runId) {
    return cache.get(endpoint, "runs/get" + SEP + runId, ttl, () -> delegate.run(runId));
  }
}
