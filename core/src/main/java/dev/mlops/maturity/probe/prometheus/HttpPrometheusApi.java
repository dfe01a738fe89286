package dev.mlops.maturity.probe.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link PrometheusApi} over the Prometheus HTTP API with the JDK client (connect timeout 2 s, request
 * timeout 5 s). Every field of an answer is optional. Failures become {@link Answer.Failed} with a
 * reason in our own words (HTTP status, Prometheus errorType, exception kind), never a response body.
 */
public final class HttpPrometheusApi implements PrometheusApi {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_REASON = 256;
  private static final Pattern ERROR_TYPE = Pattern.compile("[A-Za-z_]{1,40}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI root;
  private final Supplier<String> authorization;
  private final HttpClient client;

  /** @param name the endpoint name from the operator configuration, used in failure reasons. */
  public HttpPrometheusApi(String name, URI serverRoot) {
    this(name, serverRoot, () -> null);
  }

  /**
   * @param serverRoot the server root (the API paths are appended to it, so a path prefix is kept)
   * @param authorization supplies the {@code Authorization} header value ({@code Bearer <token>},
   *     {@code Basic <credentials>}); null or blank for none
   */
  public HttpPrometheusApi(String name, URI serverRoot, Supplier<String> authorization) {
    this.name = Objects.requireNonNull(name, "name");
    String r = Objects.requireNonNull(serverRoot, "serverRoot").toString();
    this.root = URI.create(r.endsWith("/") ? r : r + "/");
    this.authorization = authorization == null ? () -> null : authorization;
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public String name() {
    return name;
  }

  @Override
  public Answer<List<Sample>> query(String promql) {
    return get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), HttpPrometheusApi::samples);
  }

  @Override
  public Answer<List<ScrapeTarget>> activeTargets() {
    return get("api/v1/targets?state=active", HttpPrometheusApi::targets);
  }

  @Override
  public Answer<List<AlertRule>> alertRules() {
    return get("api/v1/rules?type=alert", HttpPrometheusApi::rules);
  }

  private <T> Answer<T> get(String pathAndQuery, Function<JsonNode, T> parse) {
    HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(pathAndQuery))
        .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET();
    String credentials;
    try {
      credentials = authorization.get();
    } catch (RuntimeException e) {
      return failed("credentials unavailable (" + e.getClass().getSimpleName() + ")");
    }
    if (credentials != null && !credentials.isBlank()) {
      if (credentials.trim().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        return failed("credentials unusable (control characters)");
      }
      request.header("Authorization", credentials.trim());
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      return failed("unreachable (connect timed out after " + CONNECT_TIMEOUT.toSeconds() + "s)");
    } catch (HttpTimeoutException e) {
      return failed("timed out after " + REQUEST_TIMEOUT.toSeconds() + "s");
    } catch (ConnectException | UnresolvedAddressException e) {
      return failed("unreachable");
    } catch (IOException e) {
      return causedByRefusal(e) ? failed("unreachable") : failed("request failed (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted");
    } catch (RuntimeException e) {
      return failed("request failed (" + e.getClass().getSimpleName() + ")");
    }
    JsonNode body = parseOrNull(response.body());
    String errorType = body == null ? null : errorType(body);
    if (response.statusCode() != 200) {
      return truncated("HTTP " + response.statusCode() + " from prometheus " + name + (errorType == null ? "" : " (" + errorType + ")"));
    }
    if (body == null || !body.isObject()) {
      return unparsable();
    }
    if ("error".equals(body.path("status").asText())) {
      return failed("answered error " + (errorType == null ? "(no errorType)" : errorType));
    }
    if (!"success".equals(body.path("status").asText())) {
      return unparsable();
    }
    try {
      return Answer.ok(parse.apply(body.path("data")));
    } catch (UnparsableException | ClassCastException e) {
      return unparsable();
    }
  }

  private static boolean causedByRefusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  private <T> Answer<T> unparsable() {
    return truncated("unparsable answer from prometheus " + name);
  }

  private <T> Answer<T> failed(String what) {
    return truncated("prometheus " + name + " " + what);
  }

  private static <T> Answer<T> truncated(String reason) {
    return Answer.failed(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
  }

  private static JsonNode parseOrNull(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Prometheus's errorType is a short token (bad_data, timeout, execution ...); anything else is not echoed. */
  private static String errorType(JsonNode body) {
    String t = body.isObject() ? body.path("errorType").asText("") : "";
    return ERROR_TYPE.matcher(t).matches() ? t : null;
  }

  static List<Sample> samples(JsonNode data) {
    String type = data.path("resultType").asText("");
    JsonNode result = data.path("result");
    List<Sample> out = new ArrayList<>();
    switch (type) {
      case "vector" -> {
        if (!result.isArray()) {
          if (result.isMissingNode() || result.isNull()) {
            return List.of();
          }
          throw new UnparsableException();
        }
        for (JsonNode r : result) {
          out.add(new Sample(labels(r.path("metric")), value(r.path("value"))));
        }
      }
      case "scalar" -> out.add(new Sample(Map.of(), value(result)));
      default -> throw new UnparsableException();
    }
    return List.copyOf(out);
  }

  static List<ScrapeTarget> targets(JsonNode data) {
    // an answer without the list says nothing; read as "no targets" it would be a false Missing
    if (!data.path("activeTargets").isArray()) {
      throw new UnparsableException();
    }
    List<ScrapeTarget> out = new ArrayList<>();
    for (JsonNode t : data.path("activeTargets")) {
      out.add(new ScrapeTarget(labels(t.path("labels")), text(t, "scrapePool"), text(t, "health")));
    }
    return List.copyOf(out);
  }

  static List<AlertRule> rules(JsonNode data) {
    List<AlertRule> out = new ArrayList<>();
    for (JsonNode g : data.path("groups")) {
      String group = text(g, "name");
      for (JsonNode r : g.path("rules")) {
        String type = text(r, "type");
        if (type != null && !"alerting".equals(type)) {
          continue;
        }
        out.add(new AlertRule(group, text(r, "name"), text(r, "query"), text(r, "health"), labels(r.path("labels"))));
      }
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }

  /** {@code [<unix seconds>, "<value>"]}; the value is a string and may be NaN, +Inf or -Inf. */
  private static double value(JsonNode pair) {
    if (!pair.isArray() || pair.size() < 2 || !pair.get(1).isValueNode()) {
      throw new UnparsableException();
    }
    return parseValue(pair.get(1).asText());
  }

  static double parseValue(String s) {
    String v = s.trim();
    switch (v) {
      case "NaN" -> {
        return Double.NaN;
      }
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new UnparsableException();
        }
      }
    }
  }

  private static final class UnparsableException extends RuntimeException {
    UnparsableException() {
      super(null, null, false, false);
    }
  }
}
