package dev.mlops.maturity.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One result of an OpenReports Report ({@code openreports.io/v1alpha1} ReportResult, upstream
 * apis/openreports.io/v1alpha1/report_types.go): one capability of the model, in the upstream JSON shape.
 * {@code result} is pass, fail, warn, error or skip; {@code severity} critical, high, medium, low or info.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"source", "policy", "rule", "category", "severity", "result", "scored", "message", "properties", "timestamp"})
public record ReportResult(String source, String policy, String rule, String category, String severity, String result,
    boolean scored, String message, Map<String, String> properties, ResultTimestamp timestamp) {

  public ReportResult {
    Objects.requireNonNull(policy, "policy (required by the Report schema)");
    // insertion order kept: the Report reads the same on every write
    properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** This result found at another time. */
  public ReportResult at(ResultTimestamp value) {
    return new ReportResult(source, policy, rule, category, severity, result, scored, message, properties, value);
  }

  /** Equal in everything but the time it was found. */
  public boolean sameAs(ReportResult other) {
    return other != null && at(null).equals(other.at(null));
  }
}
