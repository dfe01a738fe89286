package dev.mlops.maturity.config;

import dev.mlops.maturity.evaluation.GovernancePolicy;
import dev.mlops.maturity.probe.ProbeSettings;
import java.util.List;
import java.util.Map;

/**
 * The operator-level configuration (ARCHITECTURE.md section 5), from the Helm-rendered YAML file.
 * {@code reportsEnabled}: write one OpenReports Report per MaturityTarget ({@code reports.enabled});
 * {@code ledger}: the promotion ledger's retention and CloudEvents sink.
 */
public record OperatorConfig(
    Map<String, Endpoint> prometheus, Map<String, Endpoint> mlflow, ProbeSettings thresholds, List<String> watchNamespaces,
    GovernancePolicy policy, boolean reportsEnabled, LedgerConfig ledger) {

  public static final OperatorConfig EMPTY = new OperatorConfig(Map.of(), Map.of(), ProbeSettings.DEFAULTS, List.of());

  public OperatorConfig {
    prometheus = Map.copyOf(prometheus);
    mlflow = Map.copyOf(mlflow);
    watchNamespaces = List.copyOf(watchNamespaces);
    policy = policy == null ? GovernancePolicy.DEFAULTS : policy;
    ledger = ledger == null ? LedgerConfig.DEFAULTS : ledger;
  }

  /** Without OpenReports output ({@code reports.enabled} false, the default) and with the default ledger settings. */
  public OperatorConfig(Map<String, Endpoint> prometheus, Map<String, Endpoint> mlflow, ProbeSettings thresholds, List<String> watchNamespaces,
      GovernancePolicy policy) {
    this(prometheus, mlflow, thresholds, watchNamespaces, policy, false, LedgerConfig.DEFAULTS);
  }

  /** With the default policy. */
  public OperatorConfig(Map<String, Endpoint> prometheus, Map<String, Endpoint> mlflow, ProbeSettings thresholds, List<String> watchNamespaces) {
    this(prometheus, mlflow, thresholds, watchNamespaces, GovernancePolicy.DEFAULTS);
  }

  /** This configuration with OpenReports output on or off. */
  public OperatorConfig withReportsEnabled(boolean value) {
    return new OperatorConfig(prometheus, mlflow, thresholds, watchNamespaces, policy, value, ledger);
  }

  /** The same configuration with other ledger settings. */
  public OperatorConfig withLedger(LedgerConfig value) {
    return new OperatorConfig(prometheus, mlflow, thresholds, watchNamespaces, policy, reportsEnabled, value);
  }
}
