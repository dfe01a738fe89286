package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.PromotionDeployment;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.delivery.ArgoCdApplications;
import dev.mlops.maturity.probe.delivery.WorkloadDelivery;
import java.util.List;
import java.util.Optional;

/**
 * The newest deploy of the serving objects, from the same delivery resolution the delivery probes use: Argo CD
 * {@code status.history} (revision, deployedAt, initiatedBy) or a Flux HelmRelease's {@code status.history}.
 * Who started it is taken only where the tool records it: Argo CD's initiatedBy.
 */
public final class DeploymentRecord {
  /** The actor text for an Argo CD deploy started by automated sync. */
  public static final String ARGOCD_AUTOMATED = "argocd (automated sync)";

  private DeploymentRecord() {}

  public static Optional<PromotionDeployment> newest(WorkloadDelivery delivery) {
    for (WorkloadDelivery.ArgoCdDelivery d : delivery.argoCd()) {
      Optional<Object> last = ArgoCdApplications.lastDeploy(d.application());
      if (last.isEmpty() || Fields.string(last.get(), "deployedAt").isEmpty()) {
        continue;
      }
      Object h = last.get();
      PromotionDeployment out = new PromotionDeployment();
      out.reference = d.reference();
      out.revision = Fields.string(h, "revision").or(() -> Fields.list(h, "revisions").stream().findFirst().map(String::valueOf)).orElse(null);
      out.deployedAt = Fields.string(h, "deployedAt").orElse(null);
      out.initiatedBy = Fields.isTrue(h, "initiatedBy", "automated") ? ARGOCD_AUTOMATED
          : Fields.string(h, "initiatedBy", "username").filter(u -> !u.isBlank()).orElse(null);
      return Optional.of(out);
    }
    for (WorkloadDelivery.FluxDelivery f : delivery.flux()) {
      if (f.owner() == null || !f.ownerKind().equals(KindCatalogue.FLUX_HELM_RELEASE)) {
        continue;
      }
      List<Object> history = Fields.list(f.owner(), "status", "history");
      if (history.isEmpty()) {
        continue;
      }
      Object newest = history.get(0);
      PromotionDeployment out = new PromotionDeployment();
      out.reference = f.reference();
      out.revision = "release v" + Fields.string(newest, "version").orElse("?") + " (" + Fields.string(newest, "chartName").orElse("?")
          + "@" + Fields.string(newest, "chartVersion").orElse("?") + ")";
      out.deployedAt = Fields.string(newest, "lastDeployed").orElse(null);
      return Optional.of(out);
    }
    return Optional.empty();
  }
}
