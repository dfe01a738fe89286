package dev.mlops.maturity.probe.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.maturity.external.Credentials;
import dev.mlops.maturity.external.JsonEndpoint;
import dev.mlops.maturity.probe.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Prometheus HTTP API (PROBES.md c.5): the queries and how their answers are read; the transport
 * (deadlines, credentials, body cap, status mapping) is the endpoint's. Every field of an answer is
 * optional.
 */
public final class HttpPrometheusApi implements PrometheusApi {
  private final JsonEndpoint endpoint;

  public HttpPrometheusApi(JsonEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** @param name the endpoint name from the operator configuration, used in failure reasons. */
  public HttpPrometheusApi(String name, URI serverRoot) {
    this(name, serverRoot, Credentials.NONE);
  }

  public HttpPrometheusApi(String name, URI serverRoot, Credentials credentials) {
    this(endpoint(name, serverRoot, credentials, JsonEndpoint.Limits.DEFAULTS));
  }

  /** The endpoint of a Prometheus server: failures name it ("prometheus default unreachable"). */
  public static JsonEndpoint endpoint(String name, URI serverRoot, Credentials credentials, JsonEndpoint.Limits limits) {
    return new JsonEndpoint("prometheus " + Objects.requireNonNull(name, "name"), serverRoot, "errorType", credentials, limits);
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
    return endpoint.get(new JsonEndpoint.Call<>(pathAndQuery, body -> {
      String status = body.path("status").asText();
      if ("error".equals(status)) {
        return Answer.failed("answered error " + JsonEndpoint.errorToken(body, "errorType").orElse("(no errorType)"));
      }
      return "success".equals(status) ? Answer.ok(parse.apply(body.path("data"))) : Answer.failed(JsonEndpoint.UNPARSABLE);
    }));
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
        out.add(new AlertRule(group, text(r, "name"), text(r, "query"), text(r, "health"), labels(r.path("labels")),
            text(r, "lastEvaluation")));
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
