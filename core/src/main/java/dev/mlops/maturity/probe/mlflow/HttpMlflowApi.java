package dev.mlops.maturity.probe.mlflow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlops.maturity.probe.Answer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * MLflow REST API 2.0 over java.net.http (PROBES.md c.1-c.3). Every failure becomes a short reason
 * in our own words; a response body is parsed, never quoted.
 */
public final class HttpMlflowApi implements MlflowApi {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
  private static final int MAX_REASON = 256;
  private static final Pattern ERROR_CODE = Pattern.compile("^[A-Z][A-Z_]{0,63}$");
  private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final String base;
  private final Supplier<Optional<String>> authorization;
  private final HttpClient http;

  /**
   * {@code serverRoot} is the tracking server root (the API path is appended); {@code authorization}
   * supplies the optional {@code Authorization} header value ({@code Bearer <token>}, {@code Basic <credentials>}).
   */
  public HttpMlflowApi(URI serverRoot, Supplier<Optional<String>> authorization) {
    this(serverRoot, authorization, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
  }

  HttpMlflowApi(URI serverRoot, Supplier<Optional<String>> authorization, HttpClient http) {
    String root = serverRoot.toString();
    this.base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.authorization = authorization == null ? Optional::empty : authorization;
    this.http = http;
  }

  @Override
  public Answer<RegisteredModel> registeredModel(String name) {
    return get("registered-models/get?name=" + encode(name), "model '" + name + "'", false,
        root -> root.path("registered_model").isObject() ? Optional.of(registeredModel(root.get("registered_model"))) : Optional.empty());
  }

  @Override
  public Answer<List<ModelVersion>> modelVersions(String name) {
    Optional<String> literal = filterLiteral(name);
    if (literal.isEmpty()) {
      return Answer.failed("model name cannot be quoted in an MLflow filter");
    }
    return get("model-versions/search?filter=" + encode("name=" + literal.get()) + "&max_results=50", "model '" + name + "'", false,
        root -> Optional.of(newestFirst(root.path("model_versions"))));
  }

  @Override
  public Answer<ModelVersion> alias(String name, String alias) {
    // A missing alias is 400 INVALID_PARAMETER_VALUE on the file and SQL stores, 404 on others.
    return get("registered-models/alias?name=" + encode(name) + "&alias=" + encode(alias), "alias '" + alias + "' of model '" + name + "'", true,
        root -> root.path("model_version").isObject() ? Optional.of(modelVersion(root.get("model_version"))) : Optional.empty());
  }

  @Override
  public Answer<Run> run(String runId) {
    return get("runs/get?run_id=" + encode(runId), "run '" + runId + "'", false,
        root -> root.path("run").isObject() ? Optional.of(run(root.get("run"))) : Optional.empty());
  }

  private <T> Answer<T> get(String pathAndQuery, String what, boolean invalidParameterIsNotFound, Function<JsonNode, Optional<T>> parse) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + pathAndQuery))
          .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET();
    } catch (IllegalArgumentException e) {
      return Answer.failed("invalid request URL");
    }
    Optional<String> credentials;
    try {
      credentials = authorization.get().map(String::trim).filter(t -> !t.isEmpty());
    } catch (RuntimeException e) {
      credentials = Optional.empty();
    }
    if (credentials.isPresent()) {
      if (credentials.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        return Answer.failed("credentials unusable (control characters)");
      }
      request.header("Authorization", credentials.get());
    }
    HttpResponse<byte[]> response;
    CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      // The request timeout covers the headers; this bound also covers a body that trickles in.
      response = pending.get(REQUEST_TIMEOUT.toMillis() + 250, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return Answer.failed(timedOut());
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return Answer.failed("interrupted");
    } catch (ExecutionException e) {
      return Answer.failed(transportFailure(e.getCause()));
    }
    return interpret(response.statusCode(), response.body(), what, invalidParameterIsNotFound, parse);
  }

  private static <T> Answer<T> interpret(int status, byte[] body, String what, boolean invalidParameterIsNotFound,
      Function<JsonNode, Optional<T>> parse) {
    if (status == 401 || status == 403) {
      return Answer.failed("unauthorized (HTTP " + status + ")");
    }
    if (status >= 500) {
      return Answer.failed("server error (HTTP " + status + ")");
    }
    if (status >= 400) {
      Optional<String> code = errorCode(body);
      if (code.filter("RESOURCE_DOES_NOT_EXIST"::equals).isPresent()
          || invalidParameterIsNotFound && code.filter("INVALID_PARAMETER_VALUE"::equals).isPresent()) {
        return Answer.notFound(what);
      }
      return Answer.failed("rejected (HTTP " + status + code.map(c -> " " + c).orElse("") + ")");
    }
    if (status != 200) {
      return Answer.failed("unexpected answer (HTTP " + status + ")");
    }
    if (body.length > MAX_BODY_BYTES) {
      return Answer.failed("answer too large");
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        return Answer.failed("unparsable answer");
      }
      return parse.apply(root).<Answer<T>>map(Answer::ok).orElseGet(() -> Answer.failed("unparsable answer"));
    } catch (IOException | RuntimeException e) {
      return Answer.failed("unparsable answer");
    }
  }

  /** The MLflow error_code when it looks like one (an enum token); nothing else of the body is used. */
  private static Optional<String> errorCode(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      return Optional.ofNullable(root).map(r -> r.path("error_code").asText("")).filter(c -> ERROR_CODE.matcher(c).matches());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String timedOut() {
    return "timed out after " + REQUEST_TIMEOUT.toSeconds() + "s";
  }

  private static String transportFailure(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "unreachable (connect timed out after " + CONNECT_TIMEOUT.toSeconds() + "s)";
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut();
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return "unreachable";
      }
    }
    String name = cause == null ? "unknown error" : cause.getClass().getSimpleName();
    return truncate("request failed (" + name + ")");
  }

  private static String truncate(String s) {
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON);
  }

  /** Encodes a query-parameter value; spaces as %20 so no server reads a literal plus. */
  static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The name as an MLflow filter string literal. MLflow strips the quotes without unescaping, so a
   * name is quoted with the quote character it does not contain; a name with both (or a backslash)
   * cannot be expressed.
   */
  static Optional<String> filterLiteral(String name) {
    if (name == null || name.indexOf('\\') >= 0) {
      return Optional.empty();
    }
    if (name.indexOf('\'') < 0) {
      return Optional.of("'" + name + "'");
    }
    if (name.indexOf('"') < 0) {
      return Optional.of("\"" + name + "\"");
    }
    return Optional.empty();
  }

  private static List<ModelVersion> newestFirst(JsonNode versions) {
    List<ModelVersion> out = new ArrayList<>();
    if (versions.isArray()) {
      versions.forEach(v -> {
        if (v.isObject()) {
          out.add(modelVersion(v));
        }
      });
    }
    out.sort(Comparator.comparing((ModelVersion v) -> v.creationTimestamp() == null ? Long.MIN_VALUE : v.creationTimestamp())
        .thenComparing(v -> versionNumber(v.version()))
        .reversed());
    return List.copyOf(out);
  }

  /** A version string as a number for ordering; unparsable ones sort first (oldest). */
  static long versionNumber(String version) {
    try {
      return version == null ? Long.MIN_VALUE : Long.parseLong(version.trim());
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private static RegisteredModel registeredModel(JsonNode m) {
    List<ModelVersion> latest = new ArrayList<>();
    if (m.path("latest_versions").isArray()) {
      m.get("latest_versions").forEach(v -> {
        if (v.isObject()) {
          latest.add(modelVersion(v));
        }
      });
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    if (m.path("aliases").isArray()) {
      m.get("aliases").forEach(a -> {
        String alias = text(a, "alias");
        String version = text(a, "version");
        if (alias != null && version != null) {
          aliases.put(alias, version);
        }
      });
    }
    return new RegisteredModel(text(m, "name"), List.copyOf(latest), keyValues(m.path("tags")), Map.copyOf(aliases));
  }

  private static ModelVersion modelVersion(JsonNode v) {
    return new ModelVersion(text(v, "name"), text(v, "version"), text(v, "status"), text(v, "run_id"), text(v, "source"),
        text(v, "user_id"), number(v, "creation_timestamp"), keyValues(v.path("tags")));
  }

  private static Run run(JsonNode r) {
    JsonNode info = r.path("info");
    String runId = Optional.ofNullable(text(info, "run_id")).orElse(text(info, "run_uuid"));
    JsonNode data = r.path("data");
    int metrics = data.path("metrics").isArray() ? data.get("metrics").size() : 0;
    int params = data.path("params").isArray() ? data.get("params").size() : 0;
    List<DatasetInput> datasets = new ArrayList<>();
    JsonNode inputs = r.path("inputs").path("dataset_inputs");
    if (inputs.isArray()) {
      inputs.forEach(i -> {
        JsonNode d = i.path("dataset");
        if (d.isObject()) {
          datasets.add(new DatasetInput(text(d, "name"), text(d, "digest"), text(d, "source")));
        }
      });
    }
    return new Run(runId, text(info, "status"), metrics, params, keyValues(data.path("tags")), List.copyOf(datasets));
  }

  /** A scalar field as text (MLflow sends version as a string, some servers as a number); null when absent. */
  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  private static Long number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Map<String, String> keyValues(JsonNode list) {
    Map<String, String> out = new LinkedHashMap<>();
    if (list.isArray()) {
      list.forEach(kv -> {
        String key = text(kv, "key");
        if (key != null) {
          out.put(key, Optional.ofNullable(text(kv, "value")).orElse(""));
        }
      });
    }
    return Map.copyOf(out);
  }
}
