package dev.mlops.maturity.probe.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.maturity.external.Credentials;
import dev.mlops.maturity.external.JsonEndpoint;
import dev.mlops.maturity.probe.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * MLflow REST API 2.0 (PROBES.md c.1-c.3): the queries and how their answers are read; the transport
 * (deadlines, credentials, body cap, status mapping) is the endpoint's.
 */
public final class HttpMlflowApi implements MlflowApi {
  private static final String API = "api/2.0/mlflow/";
  private static final Set<String> MISSING = Set.of("RESOURCE_DOES_NOT_EXIST");
  // a missing alias is 400 INVALID_PARAMETER_VALUE on the file and SQL stores, 404 on others
  private static final Set<String> ALIAS_MISSING = Set.of("RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE");

  private final JsonEndpoint endpoint;

  public HttpMlflowApi(JsonEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** {@code serverRoot} is the tracking server root (the API path is appended). */
  public HttpMlflowApi(URI serverRoot, Credentials credentials) {
    this(endpoint(serverRoot, credentials, JsonEndpoint.Limits.DEFAULTS));
  }

  /** The endpoint of an MLflow tracking server: failures name no endpoint (the probes name the call). */
  public static JsonEndpoint endpoint(URI serverRoot, Credentials credentials, JsonEndpoint.Limits limits) {
    return new JsonEndpoint("", serverRoot, "error_code", credentials, limits);
  }

  @Override
  public Answer<RegisteredModel> registeredModel(String name) {
    return get("registered-models/get?name=" + encode(name), "model '" + name + "'", MISSING,
        root -> root.path("registered_model").isObject() ? Optional.of(registeredModel(root.get("registered_model"))) : Optional.empty());
  }

  @Override
  public Answer<List<ModelVersion>> modelVersions(String name) {
    Optional<String> literal = filterLiteral(name);
    if (literal.isEmpty()) {
      return Answer.failed("model name cannot be quoted in an MLflow filter");
    }
    return get("model-versions/search?filter=" + encode("name=" + literal.get()) + "&max_results=50", "model '" + name + "'", MISSING,
        root -> Optional.of(newestFirst(root.path("model_versions"))));
  }

  @Override
  public Answer<ModelVersion> alias(String name, String alias) {
    return get("registered-models/alias?name=" + encode(name) + "&alias=" + encode(alias), "alias '" + alias + "' of model '" + name + "'",
        ALIAS_MISSING,
        root -> root.path("model_version").isObject() ? Optional.of(modelVersion(root.get("model_version"))) : Optional.empty());
  }

  @Override
  public Answer<Run> run(String runId) {
    return get("runs/get?run_id=" + encode(runId), "run '" + runId + "'", MISSING,
        root -> root.path("run").isObject() ? Optional.of(run(root.get("run"))) : Optional.empty());
  }

  private <T> Answer<T> get(String pathAndQuery, String what, Set<String> absent, Function<JsonNode, Optional<T>> parse) {
    return endpoint.get(new JsonEndpoint.Call<>(API + pathAndQuery, what, absent,
        root -> parse.apply(root).<Answer<T>>map(Answer::ok).orElseGet(() -> Answer.failed(JsonEndpoint.UNPARSABLE))));
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
        text(v, "user_id"), number(v, "creation_timestamp"), keyValues(v.path("tags")), text(v, "current_stage"));
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
