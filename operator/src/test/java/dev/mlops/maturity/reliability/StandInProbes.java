package dev.mlops.maturity.reliability;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.Kinds;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Set;

/** Two small cluster-only probes (as in the reconciler tests): an enabled CronWorkflow, a bound Deployment. */
final class StandInProbes {
  private StandInProbes() {}

  static ProbeSet probeSet() {
    return new ProbeSet(List.of(new Schedule(), new ServedDeployment()));
  }

  static final class Schedule implements Probe {
    @Override
    public String capability() {
      return "scheduled-retraining";
    }

    @Override
    public Scope scope() {
      return Scope.WORKLOAD;
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(Kinds.CRON_WORKFLOW);
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      ProviderScan scan = new ProviderScan(capability());
      for (GenericKubernetesResource cw : scan.read(context.bound(Kinds.CRON_WORKFLOW))) {
        scan.found(ProbeContext.ref(cw));
      }
      return scan.verdict("an enabled CronWorkflow schedules retraining", "no enabled CronWorkflow is bound to the workload");
    }
  }

  static final class ServedDeployment implements Probe {
    @Override
    public String capability() {
      return "health-monitoring";
    }

    @Override
    public Scope scope() {
      return Scope.WORKLOAD;
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(Kinds.DEPLOYMENT);
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      Listing deployments = context.bound(Kinds.DEPLOYMENT);
      if (!deployments.served()) {
        return Evidence.unknown(capability(), deployments.reason());
      }
      return deployments.items().isEmpty()
          ? Evidence.missing(capability(), "no Deployment is bound to the workload")
          : Evidence.satisfied(capability(), "served by a Deployment", deployments.items().stream().map(ProbeContext::ref).toList());
    }
  }
}
