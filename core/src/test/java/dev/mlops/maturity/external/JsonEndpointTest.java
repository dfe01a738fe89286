package dev.mlops.maturity.external;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.maturity.probe.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport properties of every external call, against local servers that misbehave on purpose. */
class JsonEndpointTest {
  private static final JsonEndpoint.Call<String> NAME = new JsonEndpoint.Call<>("api/v1/thing",
      root -> Answer.ok(root.path("name").asText()));
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  /** A server speaking raw HTTP/1.1 on one connection, so a test controls every byte and sees when the client hangs up. */
  private final class RawServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    final AtomicLong written = new AtomicLong();
    final CompletableFuture<Long> hungUpAtNanos = new CompletableFuture<>();

    interface Reply {
      void send(OutputStream out, AtomicLong written) throws IOException, InterruptedException;
    }

    RawServer(Reply reply) throws IOException {
      servers.add(this);
      Thread t = new Thread(() -> {
        try (Socket s = socket.accept()) {
          readRequestHead(s.getInputStream());
          reply.send(s.getOutputStream(), written);
        } catch (IOException | InterruptedException e) {
          // the client went away: what the tests look for
        } finally {
          hungUpAtNanos.complete(System.nanoTime());
        }
      }, "raw-http");
      t.setDaemon(true);
      t.start();
    }

    URI root() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private static JsonEndpoint endpoint(URI root, Credentials credentials, JsonEndpoint.Limits limits) {
    return new JsonEndpoint("", root, "error_code", credentials, limits);
  }

  private static String reason(Answer<?> answer) {
    assertThat(answer).isInstanceOf(Answer.Failed.class);
    return ((Answer.Failed<?>) answer).reason();
  }

  @Test
  void aBodyOverTheCapIsRefusedWhileStreamingAndTheRestIsNeverRead() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    RawServer endless = new RawServer((out, written) -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      while (true) {
        out.write(size);
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        written.addAndGet(chunk.length);
      }
    });
    JsonEndpoint.Limits limits = new JsonEndpoint.Limits(Duration.ofSeconds(2), Duration.ofSeconds(30), 256 * 1024);
    long start = System.nanoTime();

    Answer<String> answer = endpoint(endless.root(), Credentials.NONE, limits).get(NAME);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(reason(answer)).isEqualTo("answer too large (over 262144 bytes)");
    assertThat(took).as("refused as soon as the cap is passed, not at the deadline").isLessThan(Duration.ofSeconds(5));
    long hungUp = endless.hungUpAtNanos.get(5, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(hungUp - start)).as("the client dropped the connection instead of draining it").isLessThan(Duration.ofSeconds(10));
    assertThat(endless.written.get()).as("only the cap plus socket buffers were ever sent").isLessThan(64L * 1024 * 1024);
  }

  @Test
  void aBodyAnnouncedLargerThanTheCapIsRefusedBeforeReadingIt() throws Exception {
    RawServer huge = new RawServer((out, written) -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{\"name\":".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(30_000);
    });
    long start = System.nanoTime();

    Answer<String> answer = endpoint(huge.root(), Credentials.NONE, JsonEndpoint.Limits.DEFAULTS).get(NAME);

    assertThat(reason(answer)).startsWith("answer too large");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void theTotalDeadlineEndsACallWhoseBodyTricklesInOneByteEveryTwoSeconds() throws Exception {
    RawServer trickle = new RawServer((out, written) -> {
      out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int i = 0; i < 1000; i++) {
        out.write(' ');
        out.flush();
        written.incrementAndGet();
        Thread.sleep(2_000);
      }
    });
    long start = System.nanoTime();

    Answer<String> answer = endpoint(trickle.root(), Credentials.NONE, JsonEndpoint.Limits.DEFAULTS).get(NAME);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(reason(answer)).isEqualTo("timed out after 5s");
    // the headers came at once, so only a deadline over headers and body ends the call within 5 s
    assertThat(took).isBetween(Duration.ofMillis(4_900), Duration.ofMillis(6_500));
    assertThat(trickle.written.get()).isLessThan(10);
  }

  private record Recording(HttpServer server, List<String> requests) implements AutoCloseable {
    URI root() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private Recording recording(int status, String location) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> requests = new CopyOnWriteArrayList<>();
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = "{\"name\": \"here\"}".getBytes(StandardCharsets.UTF_8);
      if (location != null) {
        exchange.getResponseHeaders().add("Location", location);
      }
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Recording r = new Recording(server, requests);
    servers.add(r);
    return r;
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 307, 308})
  void aRedirectToAnotherPortIsNotFollowed(int status) throws IOException {
    Recording elsewhere = recording(200, null);
    Recording redirecting = recording(status, elsewhere.root() + "/api/v1/thing");

    Answer<String> answer = endpoint(redirecting.root(), Credentials.of("Bearer t0ken"), JsonEndpoint.Limits.DEFAULTS).get(NAME);

    assertThat(reason(answer)).isEqualTo("redirected (HTTP " + status + "), not followed");
    assertThat(redirecting.requests()).containsExactly("/api/v1/thing Bearer t0ken");
    assertThat(elsewhere.requests()).as("neither the request nor the token reach the other port").isEmpty();
  }

  @Test
  void aFailedCredentialLookupIsUnknownAndNoRequestIsSent() throws IOException {
    Recording server = recording(200, null);

    Answer<String> answer = endpoint(server.root(), () -> Answer.failed("Secret ops/mlflow-reader not found"), JsonEndpoint.Limits.DEFAULTS)
        .get(NAME);
    Answer<String> throwing = endpoint(server.root(), () -> {
      throw new IllegalStateException("secret detail");
    }, JsonEndpoint.Limits.DEFAULTS).get(NAME);

    assertThat(reason(answer)).isEqualTo("credentials unavailable (Secret ops/mlflow-reader not found)");
    assertThat(reason(throwing)).isEqualTo("credentials unavailable (IllegalStateException)");
    assertThat(server.requests()).as("never an unauthenticated request instead").isEmpty();
  }

  @Test
  void aWorkingCredentialIsSentAndTheAnswerRead() throws IOException {
    Recording server = recording(200, null);

    Answer<String> answer = endpoint(server.root(), () -> Answer.ok(Optional.of("Basic cmVhZGVyOnB3")), JsonEndpoint.Limits.DEFAULTS).get(NAME);

    assertThat(answer).isEqualTo(Answer.ok("here"));
    assertThat(server.requests()).containsExactly("/api/v1/thing Basic cmVhZGVyOnB3");
  }

  @Test
  void aLabelPrefixesEveryFailureReason() throws IOException {
    Recording server = recording(503, null);

    Answer<String> answer = new JsonEndpoint("prometheus default", server.root(), "errorType", Credentials.NONE, JsonEndpoint.Limits.DEFAULTS)
        .get(NAME);

    assertThat(answer).isEqualTo(Answer.failed("prometheus default server error (HTTP 503)"));
  }
}
