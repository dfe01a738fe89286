package dev.mlops.maturity.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** A CRUD-mode mock API server on 127.0.0.1 that also honours expectations (403, 500 ...). */
final class MockApiServer {
  private MockApiServer() {}

  static KubernetesMockServer start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return server;
  }

  static CustomResourceDefinition cronWorkflowCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("cronworkflows.argoproj.io").endMetadata()
        .withNewSpec().withGroup("argoproj.io").withScope("Namespaced")
        .withNewNames().withKind("CronWorkflow").withPlural("cronworkflows").withSingular("cronworkflow").endNames()
        .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
        .endVersion().endSpec().build();
  }
}
