package dev.mlops.maturity.probe.mlflow;

/** Response bodies in the upstream shapes of PROBES.md c.1-c.3 (proto-JSON: version a string, timestamps numbers). */
final class MlflowShapes {
  private MlflowShapes() {}

  /** registered-models/get for fraud-detector (c.1 shape inside {"registered_model": ...}). */
  static final String REGISTERED_MODEL = """
      {"registered_model": {
        "name": "fraud-detector",
        "creation_timestamp": 1717000000000,
        "last_updated_timestamp": 1719000000000,
        "description": "XGBoost fraud model",
        "latest_versions": [
          {"name": "fraud-detector", "version": "7", "creation_timestamp": 1718000000000,
           "last_updated_timestamp": 1718500000000, "current_stage": "None",
           "source": "s3://mlflow/3/5f1c/artifacts/model", "run_id": "5f1c2e9b0a7d4c1e", "status": "READY"}
        ],
        "tags": [{"key": "team", "value": "risk"}],
        "aliases": [{"alias": "champion", "version": "7"}, {"alias": "challenger", "version": "8"}]
      }}
      """;

  /** model-versions/search (c.2): deliberately not in creation order; aliases empty as in MLflow #16734. */
  static final String MODEL_VERSIONS = """
      {"model_versions": [
        {"name": "fraud-detector", "version": "6", "creation_timestamp": 1717500000000,
         "last_updated_timestamp": 1717500500000, "user_id": "ci-bot", "current_stage": "None", "description": "",
         "source": "models:/m-1a2b/", "run_id": "6b6b6b6b6b6b", "status": "READY", "status_message": "",
         "tags": [{"key": "mlops.gate.result", "value": "passed"}, {"key": "mlops.gate.metric", "value": "auc"},
                  {"key": "mlops.gate.candidate", "value": "0.905"}, {"key": "mlops.gate.champion", "value": "0.89"},
                  {"key": "mlops.gate.test_set_digest", "value": "sha256:ab12"}],
         "run_link": "", "aliases": []},
        {"name": "fraud-detector", "version": "8", "creation_timestamp": 1719000000000,
         "last_updated_timestamp": 1719000500000, "user_id": "ci-bot", "current_stage": "None", "description": "",
         "source": "models:/m-2b7e/", "run_id": "9c0d1a2b3c4d", "status": "PENDING_REGISTRATION", "status_message": "",
         "tags": [], "run_link": "", "aliases": []},
        {"name": "fraud-detector", "version": "7", "creation_timestamp": 1718000000000,
         "last_updated_timestamp": 1718500000000, "user_id": "ci-bot", "current_stage": "None", "description": "",
         "source": "s3://mlflow/3/5f1c/artifacts/model", "run_id": "5f1c2e9b0a7d4c1e", "status": "READY", "status_message": "",
         "tags": [{"key": "mlops.gate.result", "value": "passed"}, {"key": "mlops.gate.metric", "value": "auc"},
                  {"key": "mlops.gate.candidate", "value": "0.913"}, {"key": "mlops.gate.champion", "value": "0.905"},
                  {"key": "mlops.gate.test_set_digest", "value": "sha256:ab12"}],
         "run_link": "", "aliases": []}
      ],
      "next_page_token": ""}
      """;

  /** registered-models/alias?alias=champion: {"model_version": ModelVersion}. */
  static final String CHAMPION = """
      {"model_version": {"name": "fraud-detector", "version": "7", "creation_timestamp": 1718000000000,
        "last_updated_timestamp": 1718500000000, "user_id": "ci-bot", "current_stage": "None",
        "source": "s3://mlflow/3/5f1c/artifacts/model", "run_id": "5f1c2e9b0a7d4c1e", "status": "READY",
        "tags": [{"key": "mlops.gate.result", "value": "passed"}, {"key": "mlops.gate.metric", "value": "auc"},
                 {"key": "mlops.gate.candidate", "value": "0.913"}, {"key": "mlops.gate.champion", "value": "0.905"},
                 {"key": "mlops.gate.test_set_digest", "value": "sha256:ab12"}],
        "aliases": ["champion"]}}
      """;

  /** runs/get (c.3 run shape inside {"run": ...}). */
  static final String RUN = """
      {"run": {
        "info": {"run_id": "5f1c2e9b0a7d4c1e", "run_name": "train-2024-06-10", "experiment_id": "3",
                 "status": "FINISHED", "start_time": 1717990000000, "end_time": 1717993600000,
                 "artifact_uri": "s3://mlflow/3/5f1c/artifacts", "lifecycle_stage": "active"},
        "data": {"metrics": [{"key": "auc", "value": 0.913, "timestamp": 1717993500000, "step": 0}],
                 "params": [{"key": "max_depth", "value": "6"}],
                 "tags": [{"key": "mlflow.user", "value": "ci-bot"}]},
        "inputs": {"dataset_inputs": [{"tags": [{"key": "mlflow.data.context", "value": "training"}],
                   "dataset": {"name": "transactions", "digest": "e3b0c442", "source_type": "s3",
                               "source": "{\\"uri\\": \\"s3://lake/transactions@v42\\"}"}}]}
      }}
      """;

  /** MLflow's error envelope for an unknown registered model. */
  static final String MODEL_NOT_FOUND = """
      {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Registered Model with name=fraud-detector not found"}
      """;

  /** What the SQL store answers for an alias that is not set. */
  static final String ALIAS_NOT_SET = """
      {"error_code": "INVALID_PARAMETER_VALUE", "message": "Registered model alias champion not found."}
      """;
}
