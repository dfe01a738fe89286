package dev.mlops.maturity.external;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import java.util.List;

/** An MlflowApi whose answers come from the AnswerCache, each read recorded against one reader. */
public final class CachingMlflowApi implements MlflowApi {
  private static final char SEP = '\u0000';
  private final MlflowApi delegate;
  private final String endpoint;
  private final AnswerCache cache;
  private final String reader;

  /** {@code endpoint} identifies the server in cache keys (e.g. "mlflow/default"). */
  public CachingMlflowApi(MlflowApi delegate, String endpoint, AnswerCache cache, String reader) {
    this.delegate = delegate;
    this.endpoint = endpoint;
    this.cache = cache;
    this.reader = reader;
  }

  @Override
  public Answer<RegisteredModel> registeredModel(String name) {
    return cache.get(endpoint, "registered-models/get" + SEP + name, reader, () -> delegate.registeredModel(name));
  }

  @Override
  public Answer<List<ModelVersion>> modelVersions(String name) {
    return cache.get(endpoint, "model-versions/search" + SEP + name, reader, () -> delegate.modelVersions(name));
  }

  @Override
  public Answer<ModelVersion> alias(String name, String alias) {
    return cache.get(endpoint, "registered-models/alias" + SEP + name + SEP + alias, reader, () -> delegate.alias(name, alias));
  }

  @Override
  public Answer<Run> run(String runId) {
    return cache.get(endpoint, "runs/get" + SEP + runId, reader, () -> delegate.run(runId));
  }
}
