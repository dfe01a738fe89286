package dev.mlops.maturity.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The mock API server of {@link MockCluster} with every request logged ("METHOD path"), and the OpenReports
 * Report CRD vendored from upstream (test resource openreports/openreports.io_reports.yaml) on demand.
 */
final class OpenReportsCluster extends MockCluster {
  static final String REPORTS_PATH = "/apis/openreports.io/v1alpha1/";
  static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/reports.openreports.io";
  private final List<String> requests;

  private OpenReportsCluster(KubernetesMockServer server, List<String> requests) {
    super(server);
    this.requests = requests;
  }

  static OpenReportsCluster start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    List<String> requests = new CopyOnWriteArrayList<>();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    Dispatcher logging = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getPath());
        return crud.dispatch(request);
      }
    };
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, logging, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    OpenReportsCluster cluster = new OpenReportsCluster(server, requests);
    cluster.prepare();
    return cluster;
  }

  static CustomResourceDefinition reportCrd() {
    try (InputStream in = OpenReportsCluster.class.getResourceAsStream("/openreports/openreports.io_reports.yaml")) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void installReportCrd() {
    client.resource(reportCrd()).create();
  }

  GenericKubernetesResource report(String namespace, String name) {
    return client.genericKubernetesResources(OpenReportsWriter.REPORTS).inNamespace(namespace).withName(name).get();
  }

  /** Requests whose "METHOD path" starts with {@code prefix}, e.g. "PUT /apis/openreports.io/". */
  long count(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.startsWith(method + " " + pathPrefix)).count();
  }

  /** Every request to the openreports.io API, whatever the method. */
  long reportRequests() {
    return requests.stream().filter(r -> r.contains(REPORTS_PATH)).count();
  }
}
