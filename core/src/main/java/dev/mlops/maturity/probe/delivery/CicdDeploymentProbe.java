package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;

/**
 * {@code cicd-deployment} (PROBES.md b.13): the serving objects are delivered by GitOps with automated sync.
 * <ul>
 *   <li>Argo CD: an Application (any namespace) that lists a bound serving object in {@code status.resources}
 *       or tracks it (tracking-id annotation, or {@code app.kubernetes.io/instance} with a matching destination
 *       namespace), with {@code spec.syncPolicy.automated} present and {@code enabled} not false (null counts as
 *       enabled). Manual sync or {@code enabled: false} is Missing with that note.</li>
 *   <li>Flux: a serving object labelled with its Kustomization or HelmRelease owner, which exists, is not
 *       {@code spec.suspend: true} and is Ready (or reports no status yet).</li>
 * </ul>
 */
public final class CicdDeploymentProbe extends AbstractProbe {
  public static final String CAPABILITY = "cicd-deployment";

  public CicdDeploymentProbe() {
    super(CAPABILITY, WorkloadDelivery.READS);
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    WorkloadDelivery delivery = WorkloadDelivery.resolve(ctx, scan);
    if (delivery.servingObjects().isEmpty()) {
      scan.seen("no serving object matches the workload selector in " + ctx.target().namespace());
    }
    for (WorkloadDelivery.ArgoCdDelivery d : delivery.argoCd()) {
      switch (ArgoCdApplications.syncMode(d.application())) {
        case AUTOMATED -> scan.found(d.reference());
        case AUTOMATED_DISABLED -> scan.seen(d.reference() + " has automated sync disabled (enabled: false)");
        case MANUAL -> scan.seen(d.reference() + " syncs manually (no syncPolicy.automated)");
      }
    }
    for (WorkloadDelivery.FluxDelivery f : delivery.flux()) {
      if (f.owner() == null) {
        scan.seen(f.object() + " names " + f.reference() + ", which does not exist");
      } else if (f.suspended()) {
        scan.seen(f.reference() + " is suspended");
      } else if (!f.ready()) {
        scan.seen(f.reference() + " is not Ready" + (f.readiness().isEmpty() ? "" : ": " + f.readiness()));
      } else {
        scan.found(f.reference());
      }
    }
    if (!delivery.servingObjects().isEmpty() && !delivery.delivered()) {
      scan.seen("no Argo CD Application or Flux owner delivers " + delivery.servingSummary());
    }
    return scan.verdict("serving objects are delivered by GitOps with automated sync",
        "serving objects are not delivered by automated GitOps");
  }
}
