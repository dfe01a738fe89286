package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.serving.ServingProbes;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The serving probes read Gateway API HTTPRoutes; their informer starts only once the CRD is served. */
class GatewayApiCrdTest {

  @Test
  void theHttpRouteInformerStartsOnlyWhenItsCrdIsInstalled() {
    try (TestCluster cluster = TestCluster.start()) {
      OperatorHandle operator = OperatorApp.start(cluster.client, new ProbeSet(ServingProbes.all()),
          OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
              .withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
      try {
        assertThat(operator.cluster().watchedKinds()).contains(KindCatalogue.SERVICE).doesNotContain(KindCatalogue.HTTP_ROUTE);

        // gateway-api config/crd/standard/gateway.networking.k8s.io_httproutes.yaml, schema reduced to preserve-unknown-fields
        cluster.client.resource(new CustomResourceDefinitionBuilder()
            .withNewMetadata().withName("httproutes.gateway.networking.k8s.io").endMetadata()
            .withNewSpec().withGroup("gateway.networking.k8s.io").withScope("Namespaced")
            .withNewNames().withKind("HTTPRoute").withPlural("httproutes").withSingular("httproute").withListKind("HTTPRouteList").endNames()
            .addNewVersion().withName("v1").withServed(true).withStorage(true)
            .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
            .endVersion()
            .endSpec().build()).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> operator.cluster().watchedKinds().contains(KindCatalogue.HTTP_ROUTE));
      } finally {
        operator.stop();
      }
    }
  }
}
