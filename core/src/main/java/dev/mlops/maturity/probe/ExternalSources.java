package dev.mlops.maturity.probe;

import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;

/**
 * Named HTTP endpoints from the operator configuration. A target names an endpoint; it can never
 * supply a URL. An unknown name is a NotConfigured answer ("no prometheus endpoint named x is configured").
 */
public interface ExternalSources {
  Answer<PrometheusApi> prometheus(String endpointName);

  Answer<MlflowApi> mlflow(String endpointName);

  /** Whether a Failed answer says the named endpoint is not configured (as opposed to configured and failing). */
  static boolean notConfigured(Answer<?> answer) {
    return answer instanceof Answer.Failed<?> f && f.reason().matches("no [a-z]+ endpoint named '.*' is configured");
  }

  /** No endpoints configured at all. */
  ExternalSources NONE = new ExternalSources() {
    @Override
    public Answer<PrometheusApi> prometheus(String endpointName) {
      return Answer.notConfigured("prometheus", endpointName);
    }

    @Override
    public Answer<MlflowApi> mlflow(String endpointName) {
      return Answer.notConfigured("mlflow", endpointName);
    }
  };
}
