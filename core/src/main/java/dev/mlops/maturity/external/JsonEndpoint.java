package dev.mlops.maturity.external;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlops.maturity.probe.Answer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One JSON-over-HTTP server (a Prometheus or an MLflow endpoint) and the only place that talks to
 * one: connect and total deadlines, the Authorization header resolved before the request (a failed
 * lookup sends nothing), a body cap enforced while streaming, redirects never followed, and one
 * mapping from HTTP status or exception to an {@link Answer}. Failure reasons are our own words
 * (status, an error-code token, the exception kind), never a response body.
 */
public final class JsonEndpoint {
  /** Connect timeout, total deadline (headers and body) and body cap of every call. */
  public record Limits(Duration connect, Duration total, long maxBodyBytes) {
    public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(5), 16L * 1024 * 1024);
  }

  /**
   * One GET: the path and query under the server root, what it asks for (named in a NotFound), the
   * error codes of a 4xx answer that mean "does not exist", and how the JSON object of a 200 answer
   * is read (a Failed from {@code read}, or an exception, is an unusable answer).
   */
  public record Call<T>(String pathAndQuery, String what, Set<String> absentCodes, Function<JsonNode, Answer<T>> read) {
    public Call(String pathAndQuery, Function<JsonNode, Answer<T>> read) {
      this(pathAndQuery, pathAndQuery, Set.of(), read);
    }
  }

  public static final String UNPARSABLE = "unparsable answer";
  private static final int MAX_REASON = 256;
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z_]{0,63}");
  private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final String label;
  private final URI root;
  private final String base;
  private final String errorCodeField;
  private final Credentials credentials;
  private final Limits limits;
  private final HttpClient http;

  /**
   * @param label prefixes failure reasons ("prometheus default"); empty for none
   * @param serverRoot the server root; call paths are appended to it, so a path prefix is kept
   * @param errorCodeField the field of an error answer holding its code ({@code error_code}, {@code errorType})
   */
  public JsonEndpoint(String label, URI serverRoot, String errorCodeField, Credentials credentials, Limits limits) {
    this.label = label == null ? "" : label;
    this.root = Objects.requireNonNull(serverRoot, "serverRoot");
    String r = serverRoot.toString();
    this.base = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    this.errorCodeField = errorCodeField;
    this.credentials = credentials == null ? Credentials.NONE : credentials;
    this.limits = limits;
    // a redirect could lead the operator (and its credentials) to an address the admin never named
    this.http = HttpClient.newBuilder().connectTimeout(limits.connect()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public URI root() {
    return root;
  }

  public Credentials credentials() {
    return credentials;
  }

  public <T> Answer<T> get(Call<T> call) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(base + "/" + call.pathAndQuery()))
          .timeout(limits.total()).header("Accept", "application/json").GET();
    } catch (IllegalArgumentException e) {
      return failed("invalid request URL");
    }
    Answer<Optional<String>> header;
    try {
      header = credentials.header();
    } catch (RuntimeException e) {
      header = Answer.failed(e.getClass().getSimpleName());
    }
    if (!(header instanceof Answer.Ok<Optional<String>> ok)) {
      return failed("credentials unavailable (" + (header instanceof Answer.Failed<Optional<String>> f ? f.reason() : "none") + ")");
    }
    Optional<String> value = ok.value().map(String::trim).filter(v -> !v.isEmpty());
    if (value.isPresent()) {
      if (value.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        return failed("credentials unusable (control characters)");
      }
      request.header("Authorization", value.get());
    }
    AtomicReference<CappedBody> reading = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request.build(), info -> {
      boolean keep = needsBody(info.statusCode());
      CappedBody body = keep && info.headers().firstValueAsLong("Content-Length").orElse(0) > limits.maxBodyBytes()
          ? CappedBody.refused() : new CappedBody(limits.maxBodyBytes(), keep);
      reading.set(body);
      return body;
    });
    HttpResponse<byte[]> response;
    try {
      // the client's own timeout stops at the headers; this bound also covers a body that trickles in
      response = pending.get(limits.total().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      Optional.ofNullable(reading.get()).ifPresent(CappedBody::abort);
      return failed(timedOut());
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return failed("interrupted");
    } catch (ExecutionException e) {
      return failed(transportFailure(e.getCause()));
    }
    return interpret(response.statusCode(), response.body(), call);
  }

  private static boolean needsBody(int status) {
    return status == 200 || status >= 400 && status < 500 && status != 401 && status != 403;
  }

  private <T> Answer<T> interpret(int status, byte[] body, Call<T> call) {
    if (status == 401 || status == 403) {
      return failed("unauthorized (HTTP " + status + ")");
    }
    if (status >= 500) {
      return failed("server error (HTTP " + status + ")");
    }
    if (status >= 300 && status < 400) {
      return failed("redirected (HTTP " + status + "), not followed");
    }
    if (status >= 400) {
      Optional<String> code = errorCode(body);
      if (code.filter(call.absentCodes()::contains).isPresent()) {
        return Answer.notFound(call.what());
      }
      return failed("rejected (HTTP " + status + code.map(c -> " " + c).orElse("") + ")");
    }
    if (status != 200) {
      return failed("unexpected answer (HTTP " + status + ")");
    }
    Answer<T> read;
    try {
      JsonNode root = JSON.readTree(body);
      read = root == null || !root.isObject() ? Answer.failed(UNPARSABLE) : call.read().apply(root);
    } catch (IOException | RuntimeException e) {
      read = Answer.failed(UNPARSABLE);
    }
    if (read == null) {
      return failed(UNPARSABLE);
    }
    return read instanceof Answer.Failed<T> f ? failed(f.reason()) : read;
  }

  /** The error code of an error answer when it looks like one (a short token); nothing else of the body is used. */
  private Optional<String> errorCode(byte[] body) {
    try {
      return errorToken(JSON.readTree(body), errorCodeField);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code field} of a JSON object when it is a short token (bad_data, RESOURCE_DOES_NOT_EXIST), else empty. */
  public static Optional<String> errorToken(JsonNode root, String field) {
    return Optional.ofNullable(root).filter(JsonNode::isObject).map(r -> r.path(field).asText(""))
        .filter(c -> ERROR_CODE.matcher(c).matches());
  }

  private String timedOut() {
    return "timed out after " + limits.total().toSeconds() + "s";
  }

  private String transportFailure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof CappedBody.TooLarge) {
        return "answer too large (over " + limits.maxBodyBytes() + " bytes)";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "unreachable (connect timed out after " + limits.connect().toSeconds() + "s)";
      }
      if (t instanceof HttpTimeoutException) {
        return timedOut();
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unreachable";
      }
    }
    return "request failed (" + (cause == null ? "unknown error" : cause.getClass().getSimpleName()) + ")";
  }

  private <T> Answer<T> failed(String reason) {
    String r = label.isEmpty() ? reason : label + " " + reason;
    return Answer.failed(r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON));
  }
}
