package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** Two small probes standing in for the real families: CronWorkflow schedules and served Deployments. */
public final class TestProbes {
  /** When set, the schedule probe answers Unknown, as if its data source were down. */
  final AtomicBoolean scheduleProbeDown = new AtomicBoolean();

  public ProbeSet probeSet() {
    return new ProbeSet(List.of(new ScheduleProbe(scheduleProbeDown), new ServedDeploymentProbe()));
  }

  /** scheduled-retraining: an Argo CronWorkflow bound to the workload and not suspended. */
  static final class ScheduleProbe implements Probe {
    private final AtomicBoolean down;

    ScheduleProbe(AtomicBoolean down) {
      this.down = down;
    }

    @Override
    public String capability() {
      return "scheduled-retraining";
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(KindCatalogue.CRON_WORKFLOW);
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      if (down.get()) {
        return Evidence.unknown(capability(), "test: schedule source unavailable");
      }
      ProviderScan scan = new ProviderScan(capability());
      for (GenericKubernetesResource cw : scan.read(context.bound(KindCatalogue.CRON_WORKFLOW))) {
        Object spec = cw.getAdditionalProperties().get("spec");
        boolean suspended = spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("suspend"));
        if (suspended) {
          scan.seen("CronWorkflow " + cw.getMetadata().getName() + " is suspended");
        } else {
          scan.found(ProbeContext.ref(cw));
        }
      }
      return scan.verdict("an enabled CronWorkflow schedules retraining", "no enabled CronWorkflow is bound to the workload");
    }
  }

  /** health-monitoring stand-in: a Deployment bound to the workload. */
  static final class ServedDeploymentProbe implements Probe {
    @Override
    public String capability() {
      return "health-monitoring";
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(KindCatalogue.DEPLOYMENT);
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      Listing deployments = context.bound(KindCatalogue.DEPLOYMENT);
      if (!deployments.served()) {
        return Evidence.unknown(capability(), deployments.reason());
      }
      return deployments.items().isEmpty()
          ? Evidence.missing(capability(), "no Deployment is bound to the workload")
          : Evidence.satisfied(capability(), "served by a Deployment", deployments.items().stream().map(ProbeContext::ref).toList());
    }
  }
}
