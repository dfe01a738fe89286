package dev.mlops.maturity.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectClusterViewTest {
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = MockApiServer.start();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private void cronWorkflow(String ns, String name) {
    client.resource(new GenericKubernetesResourceBuilder().withApiVersion("argoproj.io/v1alpha1").withKind("CronWorkflow")
        .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .addToAdditionalProperties("spec", Map.of("schedule", "0 3 * * *")).build()).create();
  }

  @Test
  void listsAServedCustomKindInOneNamespace() {
    client.resource(MockApiServer.cronWorkflowCrd()).create();
    cronWorkflow("team-a", "retrain");
    cronWorkflow("team-b", "other");

    Listing listing = new DirectClusterView(client).list(KindCatalogue.CRON_WORKFLOW, "team-a");

    assertThat(listing.availability()).isEqualTo(Availability.SERVED);
    assertThat(listing.items()).extracting(r -> r.getMetadata().getName()).containsExactly("retrain");
  }

  @Test
  void aKindWhoseCrdIsNotServedIsNotInstalledRatherThanEmpty() {
    Listing listing = new DirectClusterView(client).list(KindCatalogue.CRON_WORKFLOW, "team-a");

    assertThat(listing.availability()).isEqualTo(Availability.NOT_INSTALLED);
    assertThat(listing.reason()).contains("cronworkflows.argoproj.io");
  }

  @Test
  void builtInKindsNeedNoDiscovery() {
    client.resource(new DeploymentBuilder().withNewMetadata().withNamespace("team-a").withName("web").endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of("a", "b")).endSelector().endSpec().build()).create();

    Listing listing = new DirectClusterView(client).list(KindCatalogue.DEPLOYMENT, null);

    assertThat(listing.served()).isTrue();
    assertThat(listing.items()).hasSize(1);
  }

  @Test
  void aForbiddenListIsForbidden() {
    server.expect().get().withPath("/apis/apps/v1/namespaces/team-a/deployments").andReturn(403, "{}").always();

    Listing listing = new DirectClusterView(client).list(KindCatalogue.DEPLOYMENT, "team-a");

    assertThat(listing.availability()).isEqualTo(Availability.FORBIDDEN);
  }

  @Test
  void aServerErrorIsAFailureWithAShortReason() {
    server.expect().get().withPath("/apis/apps/v1/namespaces/team-a/deployments").andReturn(500, "internal detail").always();

    // the client retries 5xx with backoff by default; one attempt keeps the test fast
    try (KubernetesClient once = server.createClient(b -> b.withConfig(
        new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()))) {
      Listing listing = new DirectClusterView(once).list(KindCatalogue.DEPLOYMENT, "team-a");

      assertThat(listing.availability()).isEqualTo(Availability.FAILED);
      assertThat(listing.reason()).contains("HTTP 500").doesNotContain("internal detail");
    }
  }

  @Test
  void discoveryAndListingsAreAskedOncePerRun() {
    client.resource(MockApiServer.cronWorkflowCrd()).create();
    cronWorkflow("team-a", "retrain");
    DirectClusterView view = new DirectClusterView(client);
    view.list(KindCatalogue.CRON_WORKFLOW, "team-a");
    int requests = server.getRequestCount();

    view.list(KindCatalogue.CRON_WORKFLOW, "team-a");
    view.list(KindCatalogue.WORKFLOW, "team-a");

    assertThat(server.getRequestCount()).as("same group/version: no second discovery call").isEqualTo(requests);
  }
}
