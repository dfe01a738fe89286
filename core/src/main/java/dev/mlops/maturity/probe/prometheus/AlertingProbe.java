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
import dev.mlops.maturity.probe.Tenancy;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.AlertRule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code alerting} (PROBES.md b.5): an alerting rule on the workload exists and is loaded.
 *
 * <p>In-cluster: a {@code monitoring.coreos.com/v1} PrometheusRule in the target's namespace (or, when its
 * matchers select the target's namespace, in a shared monitoring namespace the admin lists under
 * {@code tenancy.sharedMonitoringNamespaces}) with a
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
 *   <li>no in-cluster rule and Prometheus answers: Satisfied when a loaded alert's query selects the
 *       target's namespace (rules from plain rule files), else Missing (Prometheus holds every loaded rule);</li>
 *   <li>no in-cluster rule and Prometheus is not configured or does not answer: Unknown.</li>
 * </ul>
 * Routing to an Alertmanager receiver is not checked.
 */
public final class AlertingProbe extends AbstractProbe {
  public static final String CAPABILITY = "alerting";

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

    // tenancy: the target's namespace, plus admin-listed shared monitoring namespaces (namespace matchers only)
    Listing rules = ctx.cluster().list(KindCatalogue.PROMETHEUS_RULE, ns);
    List<Listing> shared = Tenancy.of(ctx.settings()).sharedMonitoringNamespaces().stream().filter(n -> !n.equals(ns))
        .map(n -> ctx.cluster().list(KindCatalogue.PROMETHEUS_RULE, n)).toList();
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
    shared.forEach(l -> l.items().forEach(pr -> matches.addAll(sharedMatches(pr, ns))));

    String endpoint = ctx.target().prometheusEndpoint();
    Answer<List<AlertRule>> loaded = alertRules(ctx, endpoint);
    ProviderScan scan = new ProviderScan(CAPABILITY);
    if (!matches.isEmpty()) {
      return ground(scan, matches, loaded, endpoint);
    }
    if (loaded instanceof Answer.Ok<List<AlertRule>> ok) {
      // loaded rules carry no namespace: only a matcher selecting the target's namespace makes one its own
      List<AlertRule> own = ok.value().stream().filter(r -> r.query() != null && PromQlSelector.parse(r.query()).selectsNamespace(ns)).toList();
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
    if (PromQlSelector.parse(expr).selectsNamespace(namespace)) {
      return true;
    }
    return names.stream().anyMatch(name -> PromQlSelector.mentionsWord(expr, name));
  }

  /** Alerts of a PrometheusRule in a shared monitoring namespace whose matchers select the target's namespace. */
  private static List<RuleMatch> sharedMatches(GenericKubernetesResource pr, String namespace) {
    List<RuleMatch> out = new ArrayList<>();
    for (Object group : Fields.list(pr, "spec", "groups")) {
      for (Object rule : Fields.list(group, "rules")) {
        Optional<String> alert = Fields.string(rule, "alert");
        Optional<String> expr = Fields.string(rule, "expr");
        if (alert.isPresent() && expr.isPresent() && PromQlSelector.parse(expr.get()).selectsNamespace(namespace)) {
          out.add(new RuleMatch(ProbeContext.ref(pr), Fields.string(group, "name").orElse(""), alert.get()));
        }
      }
    }
    return out;
  }

  private static String ruleRef(String endpoint, AlertRule r) {
    return "prometheus " + endpoint + " rules " + (r.group() == null ? "" : r.group() + "/") + r.name() + " " + r.health();
  }
}
