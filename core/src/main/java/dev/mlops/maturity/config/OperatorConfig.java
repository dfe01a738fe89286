package dev.mlops.maturity.config;

import dev.mlops.maturity.evaluation.GovernancePolicy;
import dev.mlops.maturity.probe.ProbeSettings;
import java.util.List;
import java.util.Map;

/**
 * The operator-level configuration (ARCHITECTURE.md section 5), from the Helm-rendered YAML file.
 * {@code reportsEnabled}: write one OpenReports Report per MaturityTarget ({@code reports.enabled}).
 */
public record OperatorConfig(
    Map<String, Endpoint> prometheus, Map<String, Endpoint> mlflow, ProbeSettings thresholds, List<String> watchNamespaces,
    GovernancePolicy policy, boolean reportsEnabled) {

  public static final OperatorConfig EMPTY = new OperatorConfig(Map.of(), Map.of(), ProbeSettings.DEFAULTS, List.of());

  public OperatorConfig {
    prometheus = Map.copyOf(prometheus);
    mlflow = Map.copyOf(mlflow);
    watchNamespaces = List.copyOf(watchNamespaces);
    policy = policy == null ? GovernancePolicy.DEFAULTS : policy;
  }

  /** Without OpenReports output ({@code reports.enabled} false, the default). */
  public OperatorConfig(Map<String, Endpoint> prometheus, Map<String, Endpoint> mlflow, ProbeSettings thresholds, List<String> watchNamespaces,
      GovernancePolicy policy) {
    this(prometheus, mlflow, thresholds, watchNamespaces, policy, false);
  }

  /** With the default policy. */
  public OperatorConfig(Map<String, Endpoint> prometheus, Map<String, Endpoint> mlflow, ProbeSettings thresholds, List<String> watchNamespaces) {
    this(prometheus, mlflow, thresholds, watchNamespaces, GovernancePolicy.DEFAULTS);
  }

  /** This configuration with OpenReports output on or off. */
  public OperatorConfig withReportsEnabled(boolean value) {
    return new OperatorConfig(prometheus, mlflow, thresholds, watchNamespaces, policy, value);
  }
}
