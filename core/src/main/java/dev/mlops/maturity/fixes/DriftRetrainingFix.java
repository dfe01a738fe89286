package dev.mlops.maturity.fixes;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code drift-triggered-retraining}: the chain DriftTriggeredRetrainingProbe follows, in the target's
 * namespace: a PrometheusRule alert labelled {@code mlops_trigger: drift}, an Argo Events webhook
 * EventSource, and a Sensor depending on it whose argoWorkflow trigger submits a Workflow of the
 * training WorkflowTemplate. Links that already exist are reused, not duplicated.
 */
public final class DriftRetrainingFix implements Fix {
  static final String PORT = "12000";
  static final String EVENT = "drift";
  /** Evidently's legacy drift series (PROBES.md b.9); a placeholder the team replaces with its own drift signal. */
  static final String DRIFT_SERIES = "evidently:data_drift:share_drifted_features";

  @Override
  public String capability() {
    return "drift-triggered-retraining";
  }

  @Override
  public Suggestion suggest(FixContext ctx) {
    List<String> lacking = new ArrayList<>();
    Listing rules = ctx.inNamespace(KindCatalogue.PROMETHEUS_RULE);
    Listing sources = ctx.inNamespace(KindCatalogue.EVENT_SOURCE);
    Listing sensors = ctx.inNamespace(KindCatalogue.SENSOR);
    for (Listing l : List.of(rules, sources, sensors)) {
      if (!l.served()) {
        lacking.add(l.reason());
      }
    }
    TrainingDefinitions training = TrainingDefinitions.discover(ctx);
    Optional<GenericKubernetesResource> template = training.firstTemplate();
    if (template.isEmpty()) {
      lacking.add("no training WorkflowTemplate bound to the workload for the Sensor to submit");
    }
    if (!lacking.isEmpty()) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "cannot build the drift → alert → Sensor → training chain: " + String.join("; ", lacking));
    }
    String tpl = template.get().getMetadata().getName();
    List<FixManifest> manifests = new ArrayList<>();
    Optional<Map.Entry<String, String>> webhook = webhook(sources.items());
    String source = webhook.map(Map.Entry::getKey).orElse(ctx.target().name() + "-alerts");
    String event = webhook.map(Map.Entry::getValue).orElse(EVENT);
    if (!hasDriftAlert(rules.items())) {
      manifests.add(rule(ctx, source, webhookPath(sources.items(), source, event)));
    }
    if (webhook.isEmpty()) {
      manifests.add(eventSource(ctx, source));
    }
    manifests.add(sensor(ctx, source, event, tpl));
    return Suggestion.apply(ctx, "retrain with WorkflowTemplate " + tpl + " when the drift alert fires", manifests);
  }

  private static boolean hasDriftAlert(List<GenericKubernetesResource> rules) {
    for (GenericKubernetesResource rule : rules) {
      for (Object g : Fields.list(rule, "spec", "groups")) {
        for (Object r : Fields.list(g, "rules")) {
          boolean alert = Fields.string(r, "alert").filter(a -> !a.isBlank()).isPresent();
          boolean drift = Fields.string(r, "labels", "mlops_trigger").or(() -> Fields.string(r, "labels", "mlops.dev/trigger"))
              .map(EVENT::equalsIgnoreCase).orElse(false);
          if (alert && drift) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The first EventSource with a webhook entry, as (source name, event name). */
  private static Optional<Map.Entry<String, String>> webhook(List<GenericKubernetesResource> sources) {
    return sources.stream().sorted(java.util.Comparator.comparing((GenericKubernetesResource s) -> s.getMetadata().getName()))
        .flatMap(s -> Fields.map(s, "spec", "webhook").stream().flatMap(m -> m.keySet().stream().sorted().limit(1)
            .map(e -> Map.entry(s.getMetadata().getName(), e))))
        .findFirst();
  }

  /** "12000/drift": the port and endpoint of the EventSource's webhook entry (the defaults for a new one). */
  private static String webhookPath(List<GenericKubernetesResource> sources, String source, String event) {
    Optional<Map<String, Object>> hook = sources.stream().filter(s -> source.equals(s.getMetadata().getName())).findFirst()
        .flatMap(s -> Fields.map(s, "spec", "webhook", event));
    String port = hook.flatMap(h -> Fields.string(h, "port")).orElse(PORT);
    String endpoint = hook.flatMap(h -> Fields.string(h, "endpoint")).orElse("/" + EVENT);
    return port + (endpoint.startsWith("/") ? endpoint : "/" + endpoint);
  }

  private static FixManifest rule(FixContext ctx, String source, String portAndPath) {
    String ns = ctx.namespace();
    GenericKubernetesResource rule = ctx.newObject(KindCatalogue.PROMETHEUS_RULE, ctx.target().name() + "-drift");
    rule.getMetadata().getLabels().put("mlops.dev/trigger", EVENT);
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("alert", camel(ctx.target().name()) + "FeatureDrift");
    alert.put("expr", DRIFT_SERIES + "{namespace=\"" + ns + "\"} > 0.3");
    alert.put("for", "30m");
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("severity", "warning");
    labels.put("mlops_trigger", EVENT);
    alert.put("labels", labels);
    alert.put("annotations", Map.of("summary", "Feature drift on " + ns + "/" + ctx.target().name() + ": retraining is triggered"));
    FixContext.spec(rule).put("groups", List.of(FixContext.fields("name", ctx.target().name() + ".drift", "rules", List.of(alert))));
    return ctx.manifest(rule, "the drift alert; replace " + DRIFT_SERIES + " with the workload's drift metric and threshold.",
        "route it to the EventSource: an Alertmanager route matching mlops_trigger=\"drift\" with a webhook receiver",
        "  url: http://" + source + "-eventsource-svc." + ns + ".svc:" + portAndPath
        + " (AlertmanagerConfig or the global Alertmanager configuration; not emitted here)");
  }

  private static FixManifest eventSource(FixContext ctx, String name) {
    GenericKubernetesResource source = ctx.newObject(KindCatalogue.EVENT_SOURCE, name);
    Map<String, Object> hook = new LinkedHashMap<>();
    hook.put("port", PORT);
    hook.put("endpoint", "/" + EVENT);
    hook.put("method", "POST");
    FixContext.spec(source).put("webhook", Map.of(EVENT, hook));
    return ctx.manifest(source, "receives Alertmanager's webhook on port " + PORT + " path /" + EVENT
        + " (Argo Events serves it as Service " + name + "-eventsource-svc)");
  }

  private static FixManifest sensor(FixContext ctx, String source, String event, String template) {
    GenericKubernetesResource sensor = ctx.newObject(KindCatalogue.SENSOR, ctx.target().name() + "-retrain-on-drift");
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("path", "body.commonLabels.mlops_trigger");
    filter.put("type", "string");
    filter.put("value", List.of(EVENT));
    Map<String, Object> dependency = new LinkedHashMap<>();
    dependency.put("name", "drift-alert");
    dependency.put("eventSourceName", source);
    dependency.put("eventName", event);
    dependency.put("filters", Map.of("data", List.of(filter)));
    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("apiVersion", KindCatalogue.WORKFLOW.apiVersion());
    workflow.put("kind", "Workflow");
    workflow.put("metadata", FixContext.fields("generateName", ctx.target().name() + "-drift-retrain-", "labels", new LinkedHashMap<>(ctx.workloadLabels())));
    workflow.put("spec", Map.of("workflowTemplateRef", Map.of("name", template)));
    Map<String, Object> argo = new LinkedHashMap<>();
    argo.put("operation", "submit");
    argo.put("source", Map.of("resource", workflow));
    Map<String, Object> spec = FixContext.spec(sensor);
    spec.put("dependencies", List.of(dependency));
    spec.put("triggers", List.of(Map.of("template", FixContext.fields("name", "retrain", "argoWorkflow", argo))));
    return ctx.manifest(sensor, "submits a Workflow of WorkflowTemplate " + template + " when EventSource " + source + " receives a drift alert;",
        "the Sensor's service account needs create on workflows.argoproj.io in " + ctx.namespace() + " (set spec.template.serviceAccountName)");
  }

  /** "price-optimizer" → "PriceOptimizer", a valid alert name. */
  static String camel(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return b.length() == 0 || !Character.isLetter(b.charAt(0)) ? "Workload" + b : b.toString();
  }
}
