package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.probe.Answer;
import java.util.List;
import java.util.Map;

/** The parts of the MLflow REST API 2.0 the probes read (PROBES.md c.1-c.3). Every field is optional. */
public interface MlflowApi {
  /** registered-models/get; NotFound for RESOURCE_DOES_NOT_EXIST. */
  Answer<RegisteredModel> registeredModel(String name);

  /** model-versions/search, newest first. */
  Answer<List<ModelVersion>> modelVersions(String name);

  /** registered-models/alias; NotFound when the alias is not set. */
  Answer<ModelVersion> alias(String name, String alias);

  /** runs/get. */
  Answer<Run> run(String runId);

  record RegisteredModel(String name, List<ModelVersion> latestVersions, Map<String, String> tags, Map<String, String> aliases) {}

  /** {@code currentStage}: the legacy registry stage (None, Staging, Production, Archived), deprecated by aliases since MLflow 2.9. */
  record ModelVersion(String name, String version, String status, String runId, String source, String userId,
      Long creationTimestamp, Map<String, String> tags, String currentStage) {
    public ModelVersion(String name, String version, String status, String runId, String source, String userId,
        Long creationTimestamp, Map<String, String> tags) {
      this(name, version, status, runId, source, userId, creationTimestamp, tags, null);
    }

    public boolean ready() {
      return "READY".equals(status);
    }
  }

  record Run(String runId, String status, int metricCount, int paramCount, Map<String, String> tags, List<DatasetInput> datasets) {}

  record DatasetInput(String name, String digest, String source) {}
}
