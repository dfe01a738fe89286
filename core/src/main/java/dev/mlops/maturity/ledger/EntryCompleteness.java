package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import java.util.ArrayList;
import java.util.List;

/** What an entry lacks to answer the level-3 question: who promoted what, when, with what data and what gate result. */
public final class EntryCompleteness {
  private EntryCompleteness() {}

  /** The missing parts, in the order of the question; empty when the entry is complete. */
  public static List<String> missing(PromotionEntry e) {
    List<String> missing = new ArrayList<>();
    if (e.who == null || e.who.isBlank() || PromotionEntries.UNKNOWN.equals(e.who)) {
      missing.add("who (no Argo CD initiatedBy and no " + PromotionEntries.PROMOTED_BY + " tag)");
    }
    if (blank(e.fromVersion) || blank(e.toVersion)) {
      missing.add("what (versions)");
    }
    if (blank(e.observedAt)) {
      missing.add("when");
    }
    if (e.datasets == null || e.datasets.stream().noneMatch(d -> !blank(d.digest))) {
      missing.add("data (the run records no dataset input with a digest)");
    }
    if (blank(e.gateResult)) {
      missing.add("gate (no mlops.gate.result tag on the version or its run)");
    }
    return missing;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
