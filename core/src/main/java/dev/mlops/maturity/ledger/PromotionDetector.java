package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import java.util.Objects;

/**
 * Compares the registry state the ledger last recorded with what the registry shows now. The first sight of a
 * model (or of another model or alias after a spec change) only records a baseline: a move nobody saw is not
 * invented. Restarts change nothing, since the comparison is with the ledger in the cluster, not with memory.
 */
public final class PromotionDetector {
  private PromotionDetector() {}

  public enum Kind { FIRST_SIGHT, UNCHANGED, PROMOTED }

  public record Change(Kind kind, String fromVersion, String toVersion) {}

  public static Change compare(MaturityLedgerSpec recorded, String model, String alias, String observedVersion) {
    if (recorded == null || recorded.currentVersion == null || !Objects.equals(recorded.model, model)
        || !Objects.equals(recorded.alias, alias)) {
      return new Change(Kind.FIRST_SIGHT, null, observedVersion);
    }
    if (recorded.currentVersion.equals(observedVersion)) {
      return new Change(Kind.UNCHANGED, recorded.currentVersion, observedVersion);
    }
    return new Change(Kind.PROMOTED, recorded.currentVersion, observedVersion);
  }
}
