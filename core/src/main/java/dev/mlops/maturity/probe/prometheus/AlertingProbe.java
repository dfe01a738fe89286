package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.AlertRule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code alerting} (PROBES.md b.5): an alerting rule on the workload exists and is loaded.
 *
 * <p>In-cluster: a {@code monitoring.coreos.com/v1} PrometheusRule (any namespace) with a
 * {@code spec.groups[].rules[].alert} whose {@code expr} references the workload: a
 * {@code namespace="<ns>"} matcher (any label ending in {@code namespace}, {@code =} or a matching
 * {@code =~}), or the name of a bound Deployment, StatefulSet, InferenceService or Seldon Model, or
 * the registered model name.
 *
 * <p>Ground truth, from {@code /api/v1/rules?type=alert} of the target's Prometheus endpoint:
 * <ul>
 *   <li>an in-cluster rule and Prometheus answers: Satisfied when Prometheus has that alert with health
 *       {@code ok}; Missing "not loaded by Prometheus" when it does not have it; Missing when it fails to
 *       evaluate ({@code err}); Unknown while it is not evaluated yet ({@code unknown});</li>
 *   <li>an in-cluster rule and Prometheus is not configured or does not answer: Satisfied, with a note;</li>
 *   <li>no in-cluster rule and Prometheus answers: Satisfied when a loaded alert's query references the
 *       workload (rules from plain rule files), else Missing (Prometheus holds every loaded rule);</li>
 *   <li>no in-cluster rule and Prometheus is not configured or does not answer: Unknown.</li>
 * </ul>
 * Routing to an Alertmanager receiver is not checked.
 */
public final class AlertingProbe extends AbstractProbe {
  public static final String CAPABILITY = "alerting";
  private static final Pattern NAMESPACE_MATCHER =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!=|!~|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)')");

  public AlertingProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.PROMETHEUS_RULE, KindCatalogue.DEPLOYMENT, KindCatalogue.STATEFUL_SET, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.SELDON_MODEL));
  }

  private record RuleMatch(String reference, String group, String alert) {}

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    String ns = ctx.target().namespace();
    Set<String> names = new LinkedHashSet<>();
    if (ctx.target().registeredModel() != null && !ctx.target().registeredModel().isBlank()) {
      names.add(ctx.target().registeredModel());
    }
    for (ResourceKind kind : List.of(KindCatalogue.DEPLOYMENT, KindCatalogue.STATEFUL_SET, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.SELDON_MODEL)) {
      ctx.bound(kind).items().forEach(o -> names.add(o.getMetadata().getName()));
    }

    Listing rules = ctx.cluster().list(KindCatalogue.PROMETHEUS_RULE, null);
    List<RuleMatch> matches = new ArrayList<>();
    for (GenericKubernetesResource pr : rules.items()) {
      for (Object group : Fields.list(pr, "spec", "groups")) {
        String groupName = Fields.string(group, "name").orElse("");
        for (Object rule : Fields.list(group, "rules")) {
          Optional<String> alert = Fields.string(rule, "alert");
          Optional<String> expr = Fields.string(rule, "expr");
          if (alert.isPresent() && expr.isPresent() && references(expr.get(), ns, names)) {
            matches.add(new RuleMatch(ProbeContext.ref(pr), groupName, alert.get()));
          }
        }
      }
    }

    String endpoint = ctx.target().prometheusEndpoint();
    Answer<List<AlertRule>> loaded = alertRules(ctx, endpoint);
    ProviderScan scan = new ProviderScan(CAPABILITY);
    if (!matches.isEmpty()) {
      return ground(scan, matches, loaded, endpoint);
    }
    if (loaded instanceof Answer.Ok<List<AlertRule>> ok) {
      List<AlertRule> own = ok.value().stream().filter(r -> r.query() != null && references(r.query(), ns, names)).toList();
      List<AlertRule> healthy = own.stream().filter(r -> "ok".equals(r.health())).toList();
      if (!healthy.isEmpty()) {
        return scan.found(healthy.stream().map(r -> ruleRef(endpoint, r)).distinct().toList())
            .verdict("alert " + healthy.get(0).name() + " on the workload is loaded in prometheus " + endpoint, "");
      }
      // Prometheus holds every loaded rule: its answer proves absence even when the PrometheusRule list was refused
      if (!own.isEmpty()) {
        return scan.refute("alert " + own.get(0).name() + " on the workload is loaded in prometheus " + endpoint + " but its health is "
            + own.get(0).health(), own.stream().map(r -> ruleRef(endpoint, r)).distinct().toList()).verdict("", "");
      }
      return scan.refute("no alerting rule references namespace " + ns + " or " + String.join(", ", names)
          + (rules.served() ? "" : " (" + rules.reason() + ")") + "; none loaded in prometheus " + endpoint, List.of()).verdict("", "");
    }
    String why = ((Answer.Failed<List<AlertRule>>) loaded).reason();
    String inCluster = rules.served() ? "no PrometheusRule alert references namespace " + ns + " or " + String.join(", ", names)
        : rules.reason();
    return scan.failed(inCluster + "; cannot check loaded rules: " + why).verdict("", "");
  }

  private static Evidence ground(ProviderScan scan, List<RuleMatch> matches, Answer<List<AlertRule>> loaded, String endpoint) {
    List<String> refs = new ArrayList<>(new LinkedHashSet<>(matches.stream().map(RuleMatch::reference).toList()));
    String first = "alert " + matches.get(0).alert() + " (" + matches.get(0).reference() + ")";
    if (!(loaded instanceof Answer.Ok<List<AlertRule>> ok)) {
      String why = ((Answer.Failed<List<AlertRule>>) loaded).reason();
      return scan.found(refs).verdict(first + " references the workload (not confirmed by Prometheus: " + why + ")", "");
    }
    AlertRule unevaluated = null;
    AlertRule broken = null;
    for (RuleMatch m : matches) {
      List<AlertRule> same = ok.value().stream().filter(r -> m.alert().equals(r.name())).toList();
      List<AlertRule> sameGroup = same.stream().filter(r -> Objects.equals(m.group(), r.group())).toList();
      for (AlertRule r : sameGroup.isEmpty() ? same : sameGroup) {
        if ("ok".equals(r.health())) {
          refs.add(ruleRef(endpoint, r));
          return scan.found(refs).verdict("alert " + m.alert() + " (" + m.reference() + ") is loaded in prometheus " + endpoint, "");
        }
        if ("err".equals(r.health())) {
          broken = broken == null ? r : broken;
        } else {
          unevaluated = unevaluated == null ? r : unevaluated;
        }
      }
    }
    if (unevaluated != null) {
      return scan.failed("alert " + unevaluated.name() + " is loaded in prometheus " + endpoint + " but not evaluated yet").verdict("", "");
    }
    if (broken != null) {
      refs.add(ruleRef(endpoint, broken));
      return scan.refute("alert " + broken.name() + " fails to evaluate in prometheus " + endpoint, refs).verdict("", "");
    }
    return scan.refute(first + " references the workload but is not loaded by Prometheus " + endpoint
        + " (not selected by a Prometheus ruleSelector?)", refs).verdict("", "");
  }

  static Answer<List<AlertRule>> alertRules(ProbeContext ctx, String endpoint) {
    Answer<PrometheusApi> api = ctx.external().prometheus(endpoint);
    if (api instanceof Answer.Ok<PrometheusApi> ok) {
      Answer<List<AlertRule>> a = ok.value().alertRules();
      return a instanceof Answer.NotFound<List<AlertRule>> ? Answer.failed("prometheus " + endpoint + " has no rules API") : a;
    }
    return Answer.failed(api instanceof Answer.Failed<PrometheusApi> f ? f.reason() : "no prometheus endpoint named '" + endpoint + "'");
  }

  /**
   * Whether a PromQL expression references the workload: an equality matcher on a label ending in
   * {@code namespace} with the target namespace (or a regex matcher that matches it), or one of the names
   * as a whole word.
   */
  static boolean references(String expr, String namespace, Set<String> names) {
    Matcher m = NAMESPACE_MATCHER.matcher(expr);
    while (m.find()) {
      if (!m.group(1).endsWith("namespace")) {
        continue;
      }
      String value = m.group(3) != null ? m.group(3) : m.group(4);
      if ("=".equals(m.group(2)) && namespace.equals(value)) {
        return true;
      }
      if ("=~".equals(m.group(2)) && regexMatches(value, namespace)) {
        return true;
      }
    }
    for (String name : names) {
      if (Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(expr).find()) {
        return true;
      }
    }
    return false;
  }

  private static boolean regexMatches(String regex, String value) {
    try {
      return Pattern.matches(regex.replace("\\\\", "\\"), value);
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static String ruleRef(String endpoint, AlertRule r) {
    return "prometheus " + endpoint + " rules " + (r.group() == null ? "" : r.group() + "/") + r.name() + " " + r.health();
  }
}
