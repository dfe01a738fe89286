package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Deployment meets Pod Security Standards "restricted" and runs the operator as ARCHITECTURE.md says. */
class HelmPodSecurityTest {

  static Stream<Arguments> valueFiles() {
    return Stream.of(
        Arguments.of("defaults", null),
        Arguments.of("all features", ChartFixture.testValues("all-features-values.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueFiles")
  void theDeploymentMeetsTheRestrictedPodSecurityProfile(String name, Path values) {
    PodSpec pod = deployment(values).getSpec().getTemplate().getSpec();

    PodSecurityContext podContext = pod.getSecurityContext();
    assertThat(podContext.getRunAsNonRoot()).isTrue();
    assertThat(podContext.getRunAsUser()).isEqualTo(65532L);
    assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).as("hostPath volume %s", v.getName()).isNull());
    assertThat(pod.getInitContainers()).isNullOrEmpty();
    assertThat(pod.getContainers()).isNotEmpty().allSatisfy(c -> {
      SecurityContext sc = c.getSecurityContext();
      assertThat(sc.getRunAsNonRoot()).isTrue();
      assertThat(sc.getRunAsUser()).isEqualTo(65532L);
      assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
      assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
      assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
      assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      assertThat(c.getPorts()).allSatisfy(p -> assertThat(p.getHostPort()).isNull());
    });
  }

  @Test
  void aReadOnlyRootFilesystemStillHasAWritableTmp() {
    PodSpec pod = deployment(null).getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);

    VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath())).findFirst().orElseThrow();
    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
    assertThat(volume.getEmptyDir()).isNotNull();
    assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void runsTwoReplicasOfTheJarWithLeaderElectionAndTheRenderedConfig() {
    Deployment deployment = deployment(null);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(c.getCommand()).containsExactly("java", "-jar", "/app/mlops-maturity-operator.jar");
    assertThat(c.getArgs()).containsExactly(
        "run", "--config", "/etc/mlops-maturity/config.yaml", "--leader-election-namespace", ChartFixture.NAMESPACE,
        "--metrics-port", "8080", "--watch-outage-grace", "60s");
    VolumeMount config = c.getVolumeMounts().stream().filter(m -> "/etc/mlops-maturity".equals(m.getMountPath())).findFirst().orElseThrow();
    assertThat(config.getReadOnly()).isTrue();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(config.getName()))
        .singleElement().satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo(ChartFixture.FULLNAME));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/config");
  }

  @Test
  void probesResourcesAndJvmFlagsFitTheContainer() {
    Container c = deployment(null).getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(c.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http-metrics");
      assertThat(p.getContainerPort()).isEqualTo(8080);
    });
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics");
    assertThat(c.getResources().getRequests()).containsEntry("memory", new Quantity("256Mi")).containsEntry("cpu", new Quantity("100m"));
    assertThat(c.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
    String javaToolOptions = c.getEnv().stream().filter(e -> "JAVA_TOOL_OPTIONS".equals(e.getName()))
        .map(EnvVar::getValue).findFirst().orElseThrow();
    assertThat(javaToolOptions).contains("-XX:MaxRAMPercentage=75").contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(c.getEnv()).as("no credential is ever a plain value")
        .allSatisfy(e -> assertThat(e.getName()).doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("password"));
  }

  @Test
  void aDrainKeepsOneOperatorRunning() {
    List<HasMetadata> objects = ChartFixture.render();
    PodDisruptionBudget pdb = ChartFixture.single(objects, PodDisruptionBudget.class);
    Deployment deployment = ChartFixture.single(objects, Deployment.class);

    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
  }

  private static Deployment deployment(Path values) {
    return ChartFixture.single(ChartFixture.render(values), Deployment.class);
  }
}
