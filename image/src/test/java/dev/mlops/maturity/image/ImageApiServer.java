package dev.mlops.maturity.image;

import dev.mlops.maturity.reconciler.MockCluster;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** The Fabric8 mock API server in CRUD mode over HTTPS on 127.0.0.1 (TLS as a real API server speaks it), our CRDs applied. */
final class ImageApiServer extends MockCluster {
  private ImageApiServer(KubernetesMockServer server) {
    super(server);
  }

  static ImageApiServer start() throws IOException {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), true);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    ImageApiServer cluster = new ImageApiServer(server);
    cluster.prepare();
    return cluster;
  }

  /** A kubeconfig for this server written to {@code file} (the mock's certificate is self-signed). */
  Path writeKubeconfig(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: mock
          user: {token: mock-token}
        contexts:
        - name: mock
          context: {cluster: mock, user: mock, namespace: default}
        current-context: mock
        """.formatted(client.getConfiguration().getMasterUrl()));
  }
}
