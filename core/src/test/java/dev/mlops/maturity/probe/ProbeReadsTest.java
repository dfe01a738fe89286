package dev.mlops.maturity.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.UnknownReason;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.mlflow.RegisteredModelProbe;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The collector gives each Unknown verdict a reason from what its probe read (ARCHITECTURE.md section 2). */
class ProbeReadsTest {
  private static final WorkloadTarget TARGET = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(), "fraud-detector",
      "default", "default", Duration.ofMinutes(5));

  private static Evidence collect(Probe probe, ClusterView cluster, ExternalSources external) {
    EvidenceCollector collector = new EvidenceCollector(new ProbeSet(List.of(probe)), ProbeSettings.DEFAULTS, Clock.systemUTC());
    return collector.workload(TARGET, cluster, external, Map.of(), Set.of(probe.capability())).get(probe.capability());
  }

  /** A probe that lists CronWorkflows, then asks the target's MLflow endpoint, and is Unknown unless both answered. */
  private record ListingThenMlflow(String capability) implements Probe {
    @Override
    public Scope scope() {
      return Scope.WORKLOAD;
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of(KindCatalogue.CRON_WORKFLOW);
    }

    @Override
    public Evidence evaluate(ProbeContext ctx) {
      Listing l = ctx.bound(KindCatalogue.CRON_WORKFLOW);
      Answer<MlflowApi> api = ctx.external().mlflow(ctx.target().mlflowEndpoint());
      return l.served() && api instanceof Answer.Ok<MlflowApi> ? Evidence.satisfied(capability, "both", List.of())
          : Evidence.unknown(capability, "cannot decide");
    }
  }

  @Test
  void theRegistryProbeWithoutAnMlflowEndpointIsNotConfiguredNamingTheConfigurationToAdd() {
    Evidence e = collect(new RegisteredModelProbe(), new InMemoryClusterView(), ExternalSources.NONE);

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.unknownReason()).isEqualTo(UnknownReason.NotConfigured);
    assertThat(e.failed()).isFalse();
    assertThat(e.message()).contains("integrations.mlflow.default", "operator configuration", "spec.integrations.mlflow");
  }

  @Test
  void aDeniedOrFailedReadWinsOverAMissingConfiguration() {
    Probe probe = new ListingThenMlflow("scheduled-retraining");
    assertThat(collect(probe, new InMemoryClusterView().forbidden(KindCatalogue.CRON_WORKFLOW), ExternalSources.NONE).unknownReason())
        .isEqualTo(UnknownReason.Forbidden);
    assertThat(collect(probe, new InMemoryClusterView().failing(KindCatalogue.CRON_WORKFLOW, "timeout"), ExternalSources.NONE).unknownReason())
        .isEqualTo(UnknownReason.Unreachable);
    assertThat(collect(probe, new InMemoryClusterView(), ExternalSources.NONE).unknownReason()).isEqualTo(UnknownReason.NotConfigured);
  }

  @Test
  void aConfiguredEndpointThatFailsIsAFailureAndAnAbsentCrdIsNotInstalled() {
    ExternalSources down = new ExternalSources() {
      @Override
      public Answer<PrometheusApi> prometheus(String endpointName) {
        return Answer.failed("down");
      }

      @Override
      public Answer<MlflowApi> mlflow(String endpointName) {
        return Answer.failed("connection refused");
      }
    };
    Evidence failing = collect(new ListingThenMlflow("scheduled-retraining"), new InMemoryClusterView(), down);
    assertThat(failing.unknownReason()).isEqualTo(UnknownReason.Failed);
    assertThat(failing.failed()).isTrue();

    Function<ProbeContext, Evidence> onlyCluster = ctx -> {
      Listing l = ctx.bound(KindCatalogue.CRON_WORKFLOW);
      return Evidence.unknown("scheduled-retraining", l.reason());
    };
    Probe clusterOnly = new Probe() {
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
        return onlyCluster.apply(context);
      }
    };
    Evidence absent = collect(clusterOnly, new InMemoryClusterView().notInstalled(KindCatalogue.CRON_WORKFLOW), ExternalSources.NONE);
    assertThat(absent.unknownReason()).isEqualTo(UnknownReason.NotInstalled);
    assertThat(absent.failed()).as("a missing CRD is still a failure").isTrue();
  }
}
