package dev.mlops.maturity.assessment;

public enum ReportFormat {
  TABLE,
  JSON,
  MARKDOWN,
  JUNIT,
  SARIF,
  YAML
}
