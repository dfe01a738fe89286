package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import java.util.ArrayList;
import java.util.List;

/** The two ways a ledger changes: a new baseline, or a promotion appended within the retention. */
public final class LedgerUpdate {
  /** Entries kept per target unless the operator configuration says otherwise (ledger.maxEntries). */
  public static final int DEFAULT_RETENTION = 50;

  private LedgerUpdate() {}

  /** The ledger after a first sight: same entries, the observed version as the state to compare with. */
  public static MaturityLedgerSpec baseline(MaturityLedgerSpec recorded, String model, String alias, String version, int retention) {
    MaturityLedgerSpec next = copy(recorded, retention);
    next.model = model;
    next.alias = alias;
    next.currentVersion = version;
    return next;
  }

  /** The ledger with {@code entry} appended as the next sequence number and the oldest entries beyond the retention dropped. */
  public static MaturityLedgerSpec append(MaturityLedgerSpec recorded, PromotionEntry entry, int retention) {
    MaturityLedgerSpec next = copy(recorded, retention);
    next.sequence = (next.sequence == null ? 0 : next.sequence) + 1;
    entry.sequence = next.sequence;
    next.currentVersion = entry.toVersion;
    next.entries.add(entry);
    while (next.entries.size() > retention) {
      next.entries.remove(0);
    }
    return next;
  }

  private static MaturityLedgerSpec copy(MaturityLedgerSpec recorded, int retention) {
    if (retention < 1) {
      throw new IllegalArgumentException("ledger retention must be at least 1, got " + retention);
    }
    MaturityLedgerSpec next = new MaturityLedgerSpec();
    if (recorded != null) {
      next.model = recorded.model;
      next.alias = recorded.alias;
      next.currentVersion = recorded.currentVersion;
      next.sequence = recorded.sequence;
      next.entries = new ArrayList<>(recorded.entries == null ? List.of() : recorded.entries);
    }
    next.retention = retention;
    return next;
  }
}
