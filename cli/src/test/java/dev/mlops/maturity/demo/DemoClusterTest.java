package dev.mlops.maturity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DemoClusterTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  KubernetesClient client;

  @Test
  void demoClusterLoadsAndThirdPartyKindsAreServedThroughDiscovery() throws Exception {
    DemoCluster.applyCrds(client, ROOT.resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(client, crd));
    List<GenericKubernetesResource> objects = DemoCluster.read(ROOT.resolve("examples/demo/cluster"));
    DemoCluster.apply(client, objects);

    assertThat(client.getApiResources("argoproj.io/v1alpha1").getResources()).extracting(APIResource::getName)
        .contains("cronworkflows", "workflowtemplates", "rollouts");
    assertThat(client.genericKubernetesResources("argoproj.io/v1alpha1", "CronWorkflow").inNamespace("fraud").list().getItems())
        .extracting(r -> r.getMetadata().getName()).containsExactly("fraud-detector-nightly");
    assertThat(client.resources(MaturityTarget.class).inAnyNamespace().list().getItems())
        .extracting(t -> t.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("churn", "recsys", "fraud", "pricing", "search", "ads");
  }
}
