package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.delivery.ArgoCdApplications;
import dev.mlops.maturity.probe.delivery.WorkloadDelivery;
import java.util.List;

/**
 * {@code audit-trail} (PROBES.md b.22), the part visible in-cluster: who deployed which revision when. Satisfied
 * when an Argo CD Application delivering the serving objects has {@code status.history[]} entries with
 * {@code deployedAt} and {@code initiatedBy}, or the owning Flux HelmRelease has a non-empty
 * {@code status.history}. The data and comparison-result parts and the Kubernetes API audit log cannot be read
 * through the API; mlops-5-level accepts a declared audit sink for them, which the Missing message suggests.
 */
public final class AuditTrailProbe extends AbstractProbe {
  public static final String CAPABILITY = "audit-trail";

  public AuditTrailProbe() {
    super(CAPABILITY, WorkloadDelivery.READS);
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    WorkloadDelivery delivery = WorkloadDelivery.resolve(ctx, scan);
    String last = null;
    for (WorkloadDelivery.ArgoCdDelivery d : delivery.argoCd()) {
      List<Object> complete = Fields.list(d.application(), "status", "history").stream()
          .filter(h -> Fields.string(h, "deployedAt").isPresent() && Fields.map(h, "initiatedBy").isPresent()).toList();
      if (complete.isEmpty()) {
        scan.seen(d.reference() + " has no deploy history with deployedAt and initiatedBy");
        continue;
      }
      scan.found(d.reference());
      Object newest = ArgoCdApplications.lastDeploy(d.application()).orElse(complete.get(complete.size() - 1));
      String who = Fields.isTrue(newest, "initiatedBy", "automated") ? "automated sync"
          : Fields.string(newest, "initiatedBy", "username").orElse("unknown user");
      String revision = Fields.string(newest, "revision")
          .or(() -> Fields.list(newest, "revisions").stream().findFirst().map(String::valueOf)).orElse("?");
      last = last != null ? last : "revision " + revision + " at " + Fields.string(newest, "deployedAt").orElse("?") + " by " + who;
    }
    for (WorkloadDelivery.FluxDelivery f : delivery.flux()) {
      if (f.owner() == null || !f.ownerKind().equals(KindCatalogue.FLUX_HELM_RELEASE)) {
        if (f.owner() != null) {
          scan.seen(f.reference() + " keeps no release history");
        }
        continue;
      }
      List<Object> history = Fields.list(f.owner(), "status", "history");
      if (history.isEmpty()) {
        scan.seen(f.reference() + " has no status.history");
        continue;
      }
      scan.found(f.reference());
      Object newest = history.get(0);
      last = last != null ? last : "release v" + Fields.string(newest, "version").orElse("?") + " ("
          + Fields.string(newest, "chartName").orElse("?") + "@" + Fields.string(newest, "chartVersion").orElse("?") + ") at "
          + Fields.string(newest, "lastDeployed").orElse("?");
    }
    if (delivery.servingObjects().isEmpty()) {
      scan.seen("no serving object matches the workload selector in " + ctx.target().namespace());
    }
    return scan.verdict(
        "deploy history shows who deployed what and when (last: " + last + "); data and gate results are not visible in-cluster",
        "no in-cluster deploy history (Argo CD Application history or Flux HelmRelease history) for the serving objects;"
            + " declare the audit sink (declared: audit-trail)");
  }
}
