package dev.mlops.maturity.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator writes into one MaturityTarget's OpenReports Report: the source, one result per
 * capability of its model, and the summary of those results. Metadata and scope are the writer's.
 */
public record OpenReport(String source, List<ReportResult> results, ReportSummary summary) {
  /** The Report's and every result's {@code source}: Policy Reporter lists and filters reports by it. */
  public static final String SOURCE = "mlops-maturity";

  public OpenReport {
    results = List.copyOf(results);
  }

  public static OpenReport of(List<ReportResult> results) {
    return new OpenReport(SOURCE, results, ReportSummary.of(results));
  }

  /** Equal in everything but when the results were found: nothing worth a write changed. */
  public boolean sameAs(OpenReport other) {
    if (other == null || !source.equals(other.source) || !summary.equals(other.summary) || results.size() != other.results.size()) {
      return false;
    }
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).sameAs(other.results.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * This report with each result that is unchanged since {@code previous} keeping the time it was first found
   * there, so the time Policy Reporter shows is when the result last changed.
   */
  public OpenReport since(OpenReport previous) {
    if (previous == null) {
      return this;
    }
    Map<String, ReportResult> before = new HashMap<>();
    previous.results.forEach(r -> before.put(r.policy() + "/" + r.rule(), r));
    List<ReportResult> kept = new ArrayList<>();
    for (ReportResult r : results) {
      ReportResult old = before.get(r.policy() + "/" + r.rule());
      kept.add(r.sameAs(old) && old.timestamp() != null ? r.at(old.timestamp()) : r);
    }
    return new OpenReport(source, kept, summary);
  }
}
