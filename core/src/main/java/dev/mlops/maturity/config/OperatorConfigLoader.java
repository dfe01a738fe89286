package dev.mlops.maturity.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.maturity.evaluation.EvaluationInterval;
import dev.mlops.maturity.evidence.BoundedText;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.Tenancy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the operator configuration YAML; every mistake is reported with its path. */
public final class OperatorConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private OperatorConfigLoader() {}

  public static OperatorConfig load(Path file) throws InvalidConfigException {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }

  public static OperatorConfig parse(String yaml) throws InvalidConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidConfigException("configuration is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return OperatorConfig.EMPTY;
    }
    if (!root.isObject()) {
      throw new InvalidConfigException("invalid operator configuration: the file must be a map with integrations, "
          + "thresholds and watchNamespaces");
    }
    List<String> problems = new ArrayList<>();
    KnownKeys.check(root, "", Set.of("integrations", "thresholds", "watchNamespaces", "policy", "tenancy", "reports", "ledger"), problems);
    JsonNode integrations = root.path("integrations");
    KnownKeys.check(integrations, "integrations", Set.of("prometheus", "mlflow"), problems);
    Map<String, Endpoint> prometheus = endpoints(integrations.path("prometheus"), "integrations.prometheus", problems);
    Map<String, Endpoint> mlflow = endpoints(integrations.path("mlflow"), "integrations.mlflow", problems);
    JsonNode t = root.path("thresholds");
    KnownKeys.check(t, "thresholds", Set.of("gpuUtilisationPercent", "gpuUtilisationWindow", "championAlias"), problems);
    double percent = t.path("gpuUtilisationPercent").asDouble(ProbeSettings.DEFAULTS.gpuUtilisationPercent());
    if (t.hasNonNull("gpuUtilisationPercent") && !t.get("gpuUtilisationPercent").isNumber()) {
      problems.add("thresholds.gpuUtilisationPercent must be a number, got '" + t.get("gpuUtilisationPercent").asText() + "'");
    } else if (percent <= 0 || percent > 100) {
      problems.add("thresholds.gpuUtilisationPercent must be in (0, 100], got " + percent);
    }
    Duration window = ProbeSettings.DEFAULTS.gpuUtilisationWindow();
    if (t.hasNonNull("gpuUtilisationWindow")) {
      String w = t.get("gpuUtilisationWindow").asText();
      window = parseWindow(w);
      if (window == null) {
        problems.add("thresholds.gpuUtilisationWindow '" + w + "' is not a duration such as 7d, 24h or 30m");
      }
    }
    String alias = t.path("championAlias").asText(ProbeSettings.DEFAULTS.championAlias());
    List<String> namespaces = new ArrayList<>();
    JsonNode watch = root.path("watchNamespaces");
    if (watch.isArray()) {
      watch.forEach(n -> namespaces.add(n.asText()));
    } else if (!watch.isMissingNode() && !watch.isNull()) {
      problems.add("watchNamespaces must be a list of namespace names (empty = all)");
    }
    var policy = PolicyReader.read(root.path("policy"), problems);
    Tenancy tenancy = TenancyConfig.parse(root.path("tenancy"), problems);
    boolean reports = reportsEnabled(root.path("reports"), problems);
    LedgerConfig ledger = LedgerConfig.parse(root.path("ledger"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException("invalid operator configuration: " + String.join("; ", problems));
    }
    return new OperatorConfig(prometheus, mlflow, new ProbeSettings(percent, window, alias, tenancy), namespaces, policy, reports, ledger);
  }

  /** {@code reports: {enabled: true}} writes OpenReports Reports; off when absent. */
  private static boolean reportsEnabled(JsonNode reports, List<String> problems) {
    if (reports.isMissingNode() || reports.isNull()) {
      return false;
    }
    if (!reports.isObject()) {
      problems.add("reports must be a map such as {enabled: true}");
      return false;
    }
    KnownKeys.check(reports, "reports", Set.of("enabled"), problems);
    JsonNode enabled = reports.path("enabled");
    if (enabled.isMissingNode() || enabled.isNull()) {
      return false;
    }
    if (!enabled.isBoolean()) {
      problems.add("reports.enabled must be true or false, got '" + BoundedText.of(enabled.asText(), 50) + "'");
      return false;
    }
    return enabled.booleanValue();
  }

  static Duration parseWindow(String w) {
    if (w.matches("^[0-9]+d$")) {
      return Duration.ofDays(Long.parseLong(w.substring(0, w.length() - 1)));
    }
    return EvaluationInterval.parse(w).orElse(null);
  }

  private static Map<String, Endpoint> endpoints(JsonNode node, String path, List<String> problems) {
    Map<String, Endpoint> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      problems.add(path + " must be a map of endpoint name to {url: ...}");
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = path + "." + e.getKey();
      KnownKeys.check(e.getValue(), where, Set.of("url", "tokenSecretRef", "basicAuthSecretRef"), problems);
      KnownKeys.check(e.getValue().path("tokenSecretRef"), where + ".tokenSecretRef", Set.of("name", "namespace", "key"), problems);
      KnownKeys.check(e.getValue().path("basicAuthSecretRef"), where + ".basicAuthSecretRef",
          Set.of("name", "namespace", "usernameKey", "passwordKey"), problems);
      String url = e.getValue().path("url").asText("");
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException ex) {
        problems.add(where + ".url is not a URL");
        continue;
      }
      // credentials in a URL would be copied into every status and log line that names the endpoint
      if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
        problems.add(where + ".url must not carry credentials (user:password@): use basicAuthSecretRef");
        continue;
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        problems.add(where + ".url must be an http(s) server root, got '" + BoundedText.of(url, 200) + "'");
        continue;
      }
      SecretKeyRef ref = null;
      JsonNode secret = e.getValue().path("tokenSecretRef");
      if (secret.isObject()) {
        String name = secret.path("name").asText("");
        String key = secret.path("key").asText("");
        if (name.isEmpty() || key.isEmpty()) {
          problems.add(where + ".tokenSecretRef needs name and key");
        }
        ref = new SecretKeyRef(name, secret.hasNonNull("namespace") ? secret.get("namespace").asText() : null, key);
      }
      BasicAuthRef basic = null;
      JsonNode basicNode = e.getValue().path("basicAuthSecretRef");
      if (basicNode.isObject()) {
        String name = basicNode.path("name").asText("");
        if (name.isEmpty()) {
          problems.add(where + ".basicAuthSecretRef needs name");
        }
        basic = new BasicAuthRef(name, basicNode.hasNonNull("namespace") ? basicNode.get("namespace").asText() : null,
            basicNode.path("usernameKey").asText(BasicAuthRef.USERNAME), basicNode.path("passwordKey").asText(BasicAuthRef.PASSWORD));
        if (ref != null) {
          problems.add(where + " sets both tokenSecretRef and basicAuthSecretRef: choose one");
        }
      }
      out.put(e.getKey(), new Endpoint(uri, ref, basic));
    }
    return out;
  }
}
