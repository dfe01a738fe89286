package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import java.util.List;

/**
 * {@code code-versioned} (azure-5-level L1, MODELS.md): the serving objects are rendered from a repository by
 * Argo CD (an Application delivering them with {@code spec.source.repoURL} or {@code spec.sources[].repoURL}) or
 * by Flux (the owning Kustomization or HelmRelease has a {@code spec.sourceRef}; a HelmRelease may instead name
 * {@code spec.chartRef} or {@code spec.chart.spec.sourceRef}). Automated sync is not required: a manually synced
 * Application still deploys versioned configuration.
 */
public final class CodeVersionedProbe extends AbstractProbe {
  public static final String CAPABILITY = "code-versioned";

  public CodeVersionedProbe() {
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
      List<String> repos = ArgoCdApplications.repositories(d.application());
      if (repos.isEmpty()) {
        scan.seen(d.reference() + " names no source repoURL");
      } else {
        scan.found(d.reference() + " from " + String.join(", ", repos));
      }
    }
    for (WorkloadDelivery.FluxDelivery f : delivery.flux()) {
      if (f.owner() == null) {
        scan.seen(f.object() + " names " + f.reference() + ", which does not exist");
        continue;
      }
      String source = sourceOf(f);
      if (source == null) {
        scan.seen(f.reference() + " has no sourceRef");
      } else {
        scan.found(f.reference() + " from " + source);
      }
    }
    if (!delivery.servingObjects().isEmpty() && !delivery.delivered()) {
      scan.seen("no Argo CD Application or Flux owner delivers " + delivery.servingSummary());
    }
    return scan.verdict("serving configuration is delivered from a repository", "serving configuration is not delivered from a repository");
  }

  private static String sourceOf(WorkloadDelivery.FluxDelivery f) {
    for (String[] path : List.of(new String[] {"spec", "sourceRef"}, new String[] {"spec", "chartRef"},
        new String[] {"spec", "chart", "spec", "sourceRef"})) {
      var ref = Fields.map(f.owner(), path);
      if (ref.isPresent() && ref.get().get("name") != null) {
        Object kind = ref.get().getOrDefault("kind", "source");
        return kind + " " + ref.get().get("name");
      }
    }
    return null;
  }
}
