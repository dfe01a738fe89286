package dev.mlops.maturity.assessment;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import java.util.List;
import java.util.stream.Collectors;

/** The "Recent promotions" part of a target's markdown section: its ledger's newest entries, newest first. */
final class LedgerMarkdown {
  private LedgerMarkdown() {}

  static String recent(MaturityLedgerSpec ledger, int shown) {
    List<PromotionEntry> entries = ledger.entries == null ? List.of() : ledger.entries;
    StringBuilder out = new StringBuilder("\nRecent promotions (MaturityLedger, ").append(AssessmentReport.escape(ledger.model))
        .append('@').append(AssessmentReport.escape(ledger.alias)).append(", current version ")
        .append(AssessmentReport.escape(ledger.currentVersion)).append("):\n\n");
    if (entries.isEmpty()) {
      return out.append("none recorded since the operator first saw this version\n").toString();
    }
    out.append("| # | version | observed | who | data | gate | deployment | delivery |\n|---|---|---|---|---|---|---|---|\n");
    for (int i = entries.size() - 1; i >= Math.max(0, entries.size() - shown); i--) {
      PromotionEntry e = entries.get(i);
      String data = e.datasets == null ? "" : e.datasets.stream()
          .map(d -> d.name + (d.digest == null ? "" : "@" + d.digest)).collect(Collectors.joining(", "));
      String deploy = e.deployment == null ? "" : e.deployment.reference + " " + e.deployment.revision;
      out.append("| ").append(e.sequence).append(" | ").append(cell(e.fromVersion)).append(" -> ").append(cell(e.toVersion))
          .append(" | ").append(cell(e.observedAt)).append(" | ").append(cell(e.who)).append(" | ").append(cell(data))
          .append(" | ").append(cell(e.gateResult)).append(" | ").append(cell(deploy)).append(" | ").append(cell(e.delivery)).append(" |\n");
    }
    return out.toString();
  }

  private static String cell(String s) {
    return s == null || s.isBlank() ? "-" : AssessmentReport.escape(s);
  }
}
