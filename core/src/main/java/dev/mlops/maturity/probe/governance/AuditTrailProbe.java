package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.ledger.ClusterLedgers;
import dev.mlops.maturity.ledger.EntryCompleteness;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.delivery.WorkloadDelivery;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code audit-trail} (PROBES.md b.22, issue 16): Satisfied when the target's MaturityLedger holds a complete
 * entry (who, what, when, data, gate) for the current production version. The operator writes the ledger from
 * MLflow alias moves, the run's dataset inputs, the gate tags and the Argo CD / Flux deploy history; the probe
 * only reads it from the cluster view. It also declares the delivery kinds so the operator watches them for the
 * "deployment" part of an entry.
 */
public final class AuditTrailProbe extends AbstractProbe {
  public static final String CAPABILITY = "audit-trail";
  static final String DECLARE = "; or declare the audit sink (declared: audit-trail)";

  public AuditTrailProbe() {
    super(CAPABILITY, kinds());
  }

  private static Set<ResourceKind> kinds() {
    Set<ResourceKind> kinds = new HashSet<>(WorkloadDelivery.READS);
    kinds.add(ClusterLedgers.KIND);
    return Set.copyOf(kinds);
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    String ns = ctx.target().namespace();
    String name = ctx.target().name();
    String reference = ClusterLedgers.KIND.reference(ns, name);
    scan.read(ctx.inNamespace(ClusterLedgers.KIND));
    ClusterLedgers.Read read = ClusterLedgers.forTarget(ctx.cluster(), ns, name);
    if (read.ledger().isEmpty()) {
      if (read.problem() != null) {
        return scan.verdict("", "");
      }
      String why = ctx.target().registeredModel() == null || ctx.target().registeredModel().isBlank()
          ? "the target names no workload.registeredModel, so no promotion can be recorded"
          : "no promotion ledger yet (" + reference + " is written once the operator has seen the model's production alias)";
      return scan.refute(why + DECLARE, List.of()).verdict("", "");
    }
    MaturityLedgerSpec ledger = read.ledger().get();
    List<PromotionEntry> entries = ledger.entries == null ? List.of() : ledger.entries;
    PromotionEntry current = null;
    for (PromotionEntry e : entries) {
      if (e != null && Objects.equals(e.toVersion, ledger.currentVersion)) {
        current = e;
      }
    }
    if (current == null) {
      return scan.refute("no promotion of the current production version " + ledger.currentVersion + " is recorded in " + reference
          + " (" + entries.size() + " entries; a version already in production when the operator first looked has no entry)" + DECLARE,
          List.of(reference)).verdict("", "");
    }
    List<String> missing = EntryCompleteness.missing(current);
    String label = "promotion #" + current.sequence + " (version " + current.fromVersion + " -> " + current.toVersion + ")";
    if (!missing.isEmpty()) {
      return scan.refute(label + " lacks: " + String.join(", ", missing) + DECLARE, List.of(reference)).verdict("", "");
    }
    String data = current.datasets.stream().filter(d -> d.digest != null).findFirst().map(d -> d.name + "@" + d.digest).orElse("?");
    return scan.found(reference).verdict(label + " at " + current.observedAt + " by " + current.who + ", data " + data
        + ", gate " + current.gateResult + (current.deployment == null ? "" : ", deployed " + current.deployment.revision), "");
  }
}
