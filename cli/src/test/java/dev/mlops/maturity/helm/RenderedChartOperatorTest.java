package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.cli.RunCommand;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.SecretKeyRef;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.status.Conditions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Render the chart and run the operator against the mock server with the rendered configuration
 * ({@link RenderedOperatorRun}); the rendered Deployment starts a command line `run` accepts, and its
 * probes and ports are the management server's.
 */
class RenderedChartOperatorTest {

  @Test
  void theRenderedConfigurationNamesTheStandInThroughTheValues() {
    RenderedOperatorRun.Snapshot run = RenderedOperatorRun.converged();

    Endpoint prometheus = run.config().prometheus().get("default");
    assertThat(prometheus.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(run.config().mlflow().get("default"))
        .isEqualTo(new Endpoint(prometheus.url(), new SecretKeyRef("mlflow-reader", null, "token")));
  }

  @Test
  void aTargetConvergesUnderTheRenderedConfiguration() {
    MaturityTarget t = RenderedOperatorRun.converged().target();

    assertThat(t.getStatus().observedLevel).isEqualTo(1);
    assertThat(t.getStatus().observedLevelName).isEqualTo("Efficient");
    assertThat(t.getStatus().targetMet).isTrue();
    assertThat(t.getStatus().capabilities).extracting(c -> c.id + "=" + c.state)
        .containsExactlyInAnyOrder("gpu-utilisation=Satisfied", "model-registry=Missing", "spot-capacity=NotApplicable");
    assertThat(t.getStatus().capabilities).filteredOn(c -> c.id.equals("gpu-utilisation"))
        .singleElement().satisfies(c -> assertThat(c.message).contains("72.5%"));
    assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.READY)).isTrue();
    assertThat(Conditions.isTrue(t.getStatus().conditions, Conditions.DEGRADED)).isFalse();
  }

  @Test
  void theOperatorCalledTheConfiguredEndpointsWithTheTokenFromTheNamedSecret() {
    RenderedOperatorRun.Snapshot run = RenderedOperatorRun.converged();

    assertThat(run.standInRequests()).anySatisfy(r -> assertThat(r).startsWith("/api/v1/query?").contains("DCGM_FI_DEV_GPU_UTIL"));
    assertThat(run.mlflowAuthorizations()).isNotEmpty().containsOnly("Bearer " + RenderedOperatorRun.TOKEN);
  }

  @Test
  void theScrapeHasTheArchitectureSeriesAfterOneEvaluation() {
    String metrics = RenderedOperatorRun.converged().metrics();
    String target = "namespace=\"" + RenderedOperatorRun.TEAM + "\",target=\"" + RenderedOperatorRun.TARGET + "\"";
    String withModel = "model=\"helm-test-model\"," + target;

    assertThat(metrics)
        .contains("mlops_maturity_observed_level{" + withModel + "} 1.0")
        .contains("mlops_maturity_target_level{" + withModel + "} 1.0")
        .contains("mlops_maturity_target_met{" + withModel + "} 1.0")
        .contains("mlops_maturity_level_gap{" + withModel + "} 0.0")
        .contains("mlops_maturity_level_regressions_total{" + withModel + "} 0.0")
        .contains("mlops_maturity_degraded{" + target + "} 0.0")
        .contains("mlops_maturity_capability_satisfied{capability=\"gpu-utilisation\"," + withModel + "} 1.0")
        .contains("mlops_maturity_capability_satisfied{capability=\"model-registry\"," + withModel + "} 0.0")
        .contains("mlops_maturity_last_evaluation_timestamp_seconds{" + target + "}")
        .contains("mlops_maturity_proven_level{" + withModel + "} 1.0")
        .contains("mlops_maturity_policy_violations{" + target + "} 0.0")
        .contains("mlops_maturity_exception_expiry_timestamp_seconds{capability=\"spot-capacity\",exception=\"spec\",kind=\"notApplicable\","
            + target + "} " + (double) RenderedOperatorRun.NOT_APPLICABLE_UNTIL.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond())
        .contains("mlops_maturity_platform_gpu_utilisation_ratio 0.725")
        .contains("mlops_maturity_evaluation_duration_seconds_bucket");
    for (Probe p : ProbeSet.standard().all()) {
      assertThat(metrics).as("error counter of probe %s", p.capability())
          .containsPattern("mlops_maturity_probe_errors_total\\{probe=\"" + p.capability() + "\"} \\d+\\.0");
    }
    assertThat(ExportedMetrics.sampleNames(metrics).stream().filter(n -> n.startsWith("mlops_maturity_probe_errors")))
        .containsExactly("mlops_maturity_probe_errors_total");
  }

  @Test
  void theDeploymentStartsRunWithOptionsItAccepts() {
    List<HasMetadata> rendered = RenderedOperatorRun.converged().rendered();
    DeploymentArgs args = DeploymentArgs.of(rendered);
    Container container = args.container();
    ConfigMap configMap = ChartFixture.single(rendered, ConfigMap.class);

    assertThat(args.leaderElection()).isTrue();
    assertThat(args.leaderElectionNamespace()).isEqualTo(ChartFixture.NAMESPACE);
    assertThat(args.watchOutageGrace()).isEqualTo("60s");
    VolumeMount config = container.getVolumeMounts().stream().filter(m -> "config".equals(m.getName())).findFirst().orElseThrow();
    assertThat(args.config()).isEqualTo(config.getMountPath() + "/config.yaml");
    assertThat(configMap.getData()).containsKey("config.yaml");
    assertThat(ChartFixture.single(rendered, Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("config");
          assertThat(v.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
        });
  }

  @Test
  void parsingWithTheRunCommandRejectsAnOptionItDoesNotHave() {
    assertThatThrownBy(() -> new CommandLine(new RunCommand()).parseArgs("--config", "/etc/c.yaml", "--metrics-address", ":8080"))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }

  @Test
  void probesAndPortsAreTheManagementServers() {
    RenderedOperatorRun.Snapshot run = RenderedOperatorRun.converged();
    DeploymentArgs args = DeploymentArgs.of(run.rendered());
    Container container = args.container();
    ContainerPort port = container.getPorts().stream().filter(p -> "http-metrics".equals(p.getName())).findFirst().orElseThrow();

    assertThat(port.getContainerPort()).isEqualTo(args.metricsPort());
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
    assertThat(run.healthz()).as("GET /healthz of the running operator").isEqualTo(200);
    assertThat(run.readyz()).as("GET /readyz of the running operator").isEqualTo(200);

    Service service = ChartFixture.single(run.rendered(), Service.class);
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("http-metrics");
      assertThat(p.getPort()).isEqualTo(args.metricsPort());
    });
  }

  @Test
  void theServiceMonitorScrapesTheManagementServersMetricsPath() {
    List<HasMetadata> rendered = ChartFixture.render(ChartFixture.testValues("all-features-values.yaml"));
    GenericKubernetesResource monitor = ChartFixture.ofType(rendered, GenericKubernetesResource.class).stream()
        .filter(o -> "ServiceMonitor".equals(o.getKind())).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> endpoints = (List<Map<String, Object>>) ((Map<String, Object>) monitor.getAdditionalProperties().get("spec"))
        .get("endpoints");

    assertThat(endpoints).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("port", "http-metrics").containsEntry("path", "/metrics");
    });
  }
}
