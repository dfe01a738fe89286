package dev.mlops.maturity.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import org.junit.jupiter.api.Test;

class LedgerUpdateTest {
  private static PromotionEntry move(int from, int to) {
    PromotionEntry e = new PromotionEntry();
    e.fromVersion = String.valueOf(from);
    e.toVersion = String.valueOf(to);
    return e;
  }

  @Test
  void appendsNumberTheEntriesAndMoveTheCurrentVersion() {
    MaturityLedgerSpec l = LedgerUpdate.baseline(null, "fraud-detector", "champion", "7", 50);
    l = LedgerUpdate.append(l, move(7, 8), 50);
    l = LedgerUpdate.append(l, move(8, 9), 50);
    assertThat(l.entries).extracting(e -> e.sequence).containsExactly(1L, 2L);
    assertThat(l.currentVersion).isEqualTo("9");
    assertThat(l.sequence).isEqualTo(2L);
  }

  @Test
  void theRetentionKeepsTheNewestEntriesAndTheSequenceKeepsCounting() {
    MaturityLedgerSpec l = LedgerUpdate.baseline(null, "fraud-detector", "champion", "1", 3);
    for (int v = 1; v < 6; v++) {
      l = LedgerUpdate.append(l, move(v, v + 1), 3);
    }
    assertThat(l.entries).extracting(e -> e.toVersion).containsExactly("4", "5", "6");
    assertThat(l.sequence).isEqualTo(5L);
    assertThat(l.retention).isEqualTo(3);
  }

  @Test
  void aRetentionBelowOneIsRefusedWithAClearError() {
    assertThatThrownBy(() -> LedgerUpdate.baseline(null, "m", "champion", "1", 0)).hasMessageContaining("retention must be at least 1");
  }
}
