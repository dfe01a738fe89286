package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A connection error names its cause in one stderr line, exit code 2, for `assess` and `run`: the host
 * (a closed port), TLS (plain HTTP behind https://, a self-signed certificate) and the credentials (401).
 */
class ConnectionFailureTest {
  @TempDir
  Path dir;
  HttpServer server;

  record Run(int exit, String out, String err) {}

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private Run command(String command, String url) throws IOException {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]
        current-context: c
        users: [{name: u, user: {token: not-valid}}]
        """.formatted(url));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = "run".equals(command)
        ? cli.execute("run", "--kubeconfig", kubeconfig.toString(), "--no-leader-election", "--metrics-port", "0")
        : cli.execute("assess", "--kubeconfig", kubeconfig.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  private static void assertOneLine(Run run, String expected) {
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as(run.err()).containsExactly("error: " + expected);
    assertThat(run.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"assess", "run"})
  void aClosedPortIsConnectionRefused(String command) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "https://127.0.0.1:" + port;
    assertOneLine(command(command, url), "cannot reach the Kubernetes API at " + url + "/: connection refused");
  }

  @ParameterizedTest
  @ValueSource(strings = {"assess", "run"})
  void aPlainHttpServerBehindAnHttpsUrlIsATlsFailure(String command) throws Exception {
    // answers whatever arrives with a plain-text 400, as nginx or an http:// API server does to a TLS hello
    try (ServerSocket plain = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        while (!plain.isClosed()) {
          try (Socket s = plain.accept()) {
            s.getInputStream().read(new byte[1024]);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            // the test ended, or the client hung up
          }
        }
      });
      answering.setDaemon(true);
      answering.start();
      String url = "https://127.0.0.1:" + plain.getLocalPort();
      assertOneLine(command(command, url),
          "TLS handshake with the Kubernetes API at " + url + "/ failed: the server did not answer TLS (is it plain HTTP?)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"assess", "run"})
  void aSelfSignedCertificateIsNotTrusted(String command) throws Exception {
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
    https.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    https.start();
    server = https;
    String url = "https://127.0.0.1:" + https.getAddress().getPort();
    Run run = command(command, url);
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as(run.err()).singleElement().asString()
        .startsWith("error: TLS handshake with the Kubernetes API at " + url + "/ failed: the server's certificate is not trusted (")
        .contains("certification path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"assess", "run"})
  void aServerAnswering401RefusedTheCredentials(String command) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = """
          {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}
          """.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    assertOneLine(command(command, url), "the API server at " + url + "/ refused the credentials (401 Unauthorized)");
  }

  /** A certificate for 127.0.0.1 that no trust store holds, made by the JDK's keytool. */
  private SSLContext selfSigned() throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "server", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }
}
