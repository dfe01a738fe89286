package dev.mlops.maturity.reconciler;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Fabric8 mock API server in CRUD mode on 127.0.0.1 with our CRDs applied, the Argo CronWorkflow
 * CRD on demand, a stub for JOSDK's SelfSubjectRulesReview, and a count of status PATCH requests.
 */
final class TestCluster extends MockCluster {
  final AtomicInteger statusPatches = new AtomicInteger();

  private TestCluster(KubernetesMockServer server) {
    super(server);
  }

  static TestCluster start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    AtomicInteger patches = new AtomicInteger();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    Dispatcher counting = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if ("PATCH".equals(request.getMethod()) && request.getPath().contains("/maturitytargets/") && request.getPath().contains("/status")) {
          patches.incrementAndGet();
        }
        return crud.dispatch(request);
      }
    };
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, counting, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    TestCluster cluster = new TestCluster(server);
    cluster.statusPatchesCounter(patches);
    cluster.prepare();
    return cluster;
  }

  private AtomicInteger patchCounter;

  private void statusPatchesCounter(AtomicInteger counter) {
    this.patchCounter = counter;
  }

  int statusPatchCount() {
    return patchCounter.get();
  }

  static String scrape(int port) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int status(int port, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

}
