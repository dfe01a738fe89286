package dev.mlops.maturity.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The Report's {@code summary}: how many results have each outcome. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"pass", "fail", "warn", "error", "skip"})
public record ReportSummary(int pass, int fail, int warn, int error, int skip) {
  public static ReportSummary of(List<ReportResult> results) {
    return new ReportSummary(count(results, ResultOutcome.PASS), count(results, ResultOutcome.FAIL), count(results, ResultOutcome.WARN),
        count(results, ResultOutcome.ERROR), count(results, ResultOutcome.SKIP));
  }

  private static int count(List<ReportResult> results, String outcome) {
    return (int) results.stream().filter(r -> outcome.equals(r.result())).count();
  }
}
