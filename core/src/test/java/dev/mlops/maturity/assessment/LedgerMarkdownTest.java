package dev.mlops.maturity.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.PromotionDataset;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import dev.mlops.maturity.ledger.LedgerUpdate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerMarkdownTest {
  private static PromotionEntry move(int from, int to, String who) {
    PromotionEntry e = new PromotionEntry();
    e.fromVersion = String.valueOf(from);
    e.toVersion = String.valueOf(to);
    e.observedAt = "2026-11-22T10:0" + to + ":00Z";
    e.who = who;
    PromotionDataset d = new PromotionDataset();
    d.name = "transactions";
    d.digest = "sha256:" + to;
    e.datasets.add(d);
    e.gateResult = "passed";
    return e;
  }

  private static String markdown(MaturityLedgerSpec ledger) {
    TargetAssessment t = new TargetAssessment("team-a", "fraud", "mlops-5-level", 3, List.of(), Optional.empty());
    return new AssessmentReport(List.of(t)).withLedgers(Map.of("team-a/fraud", ledger)).render(ReportFormat.MARKDOWN);
  }

  @Test
  void showsTheNewestEntriesNewestFirstWithWhoDataAndGate() {
    MaturityLedgerSpec l = LedgerUpdate.baseline(null, "fraud-detector", "champion", "1", 50);
    for (int v = 1; v < 8; v++) {
      l = LedgerUpdate.append(l, move(v, v + 1, "alice"), 50);
    }
    String md = markdown(l);
    assertThat(md).contains("Recent promotions (MaturityLedger, fraud-detector@champion, current version 8)");
    assertThat(md).contains("| 7 | 7 -> 8 | 2026-11-22T10:08:00Z | alice | transactions@sha256:8 | passed | - | - |");
    assertThat(md.indexOf("| 7 | 7 -> 8")).isLessThan(md.indexOf("| 6 | 6 -> 7"));
    assertThat(md).as("only the last five").doesNotContain("| 2 | 2 -> 3");
  }

  @Test
  void ledgerTextNeverTurnsIntoMarkup() {
    MaturityLedgerSpec l = LedgerUpdate.append(LedgerUpdate.baseline(null, "m", "champion", "1", 50), move(1, 2, "<img src=x>|x"), 50);
    assertThat(markdown(l)).contains("&lt;img src=x&gt;").doesNotContain("<img");
  }

  @Test
  void aTargetWithoutALedgerHasNoPromotionSection() {
    TargetAssessment t = new TargetAssessment("team-a", "fraud", "mlops-5-level", 3, List.of(), Optional.empty());
    assertThat(new AssessmentReport(List.of(t)).render(ReportFormat.MARKDOWN)).doesNotContain("Recent promotions");
  }
}
