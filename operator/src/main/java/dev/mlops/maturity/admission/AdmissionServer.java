package dev.mlops.maturity.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The validating webhook endpoint: HTTPS (JDK HttpsServer) with the identity of a mounted TLS Secret,
 * {@code POST /validate} takes an AdmissionReview v1 and answers with one. Reviews larger than {@link #MAX_BODY}
 * are allowed unread (the API server caps objects at about 1.5 MiB; a bigger body is not a review).
 */
public final class AdmissionServer implements AutoCloseable {
  static final int MAX_BODY = 4 * 1024 * 1024;
  public static final String PATH = "/validate";

  private final HttpsServer server;
  private final ExecutorService executor;

  private AdmissionServer(HttpsServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on {@code port} (0: a free one) with {@code certFile}/{@code keyFile} (PEM). */
  public static AdmissionServer start(String host, int port, Path certFile, Path keyFile, AdmissionReviewHandler handler)
      throws IOException, GeneralSecurityException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(host, port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(PemIdentity.sslContext(certFile, keyFile)));
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "admission-webhook");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(PATH, exchange -> serve(exchange, handler));
    server.start();
    return new AdmissionServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, AdmissionReviewHandler handler) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      String answer = handler.handle(body.length > MAX_BODY ? "" : new String(body, StandardCharsets.UTF_8));
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
