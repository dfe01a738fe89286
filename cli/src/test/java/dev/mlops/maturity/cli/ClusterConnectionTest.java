package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An API server reached over plain HTTP (kubectl proxy, a local test server) is spoken to with HTTP/1.1, as
 * client-go does: no h2c upgrade, which such servers answer unreliably (the JDK client then sees a protocol error).
 */
class ClusterConnectionTest {
  @TempDir
  Path dir;
  HttpServer server;
  final List<String> upgrades = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private Path kubeconfig(String url) throws Exception {
    return Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]
        current-context: c
        users: [{name: u, user: {token: t}}]
        """.formatted(url));
  }

  @Test
  void assessOverPlainHttpSendsNoH2cUpgrade() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI().toString());
      String upgrade = exchange.getRequestHeaders().getFirst("Upgrade");
      if (upgrade != null) {
        upgrades.add(exchange.getRequestURI() + " Upgrade: " + upgrade);
      }
      byte[] body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Path config = kubeconfig("http://127.0.0.1:" + server.getAddress().getPort());

    CommandLine cli = MaturityCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    cli.execute("assess", "--kubeconfig", config.toString(), "-A");

    assertThat(requests).as("assess reached the server").isNotEmpty();
    assertThat(upgrades).as("requests asking to upgrade to h2c (stderr: %s)", err).isEmpty();
    assertThat(ClusterConnection.config(config).isHttp2Disable()).isTrue();
  }

  @Test
  void anHttpsApiServerKeepsHttp2() throws Exception {
    assertThat(ClusterConnection.config(kubeconfig("https://127.0.0.1:6443")).isHttp2Disable()).isFalse();
  }
}
