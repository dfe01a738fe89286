package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Tekton Triggers cron pattern (tektoncd/triggers examples/v1beta1/cron): a {@code batch/v1} CronJob
 * that POSTs to an EventListener's Service {@code el-<name>}, whose trigger's TriggerTemplate
 * ({@code triggers.tekton.dev/v1beta1}) has a {@code resourcetemplates[]} PipelineRun of the workload's
 * training Pipeline (a bound Pipeline, or a PipelineRun template carrying the workload's labels). The CronJob
 * itself usually carries no workload labels: the chain binds it. A chain that breaks (listener, binding or
 * template missing, or a PipelineRun of another Pipeline) is reported, never counted.
 */
final class TektonCronTriggers {
  private static final String SERVICE_PREFIX = "el-";

  /** A CronJob that calls an EventListener: the schedule it gives, or why the chain is broken. */
  record Chain(RetrainingSchedule schedule, String broken) {}

  private TektonCronTriggers() {}

  /** Chains of the namespace's unbound CronJobs; listener, template and binding reads go through the scan. */
  static List<Chain> find(ProbeContext ctx, ProviderScan scan, List<GenericKubernetesResource> cronJobs) {
    List<Chain> out = new ArrayList<>();
    Listing listeners = null;
    Listing templates = null;
    Listing bindings = null;
    Set<String> pipelines = null;
    for (GenericKubernetesResource cron : cronJobs) {
      if (ctx.isBound(cron)) {
        continue;
      }
      Optional<String> target = listenerName(cron, ctx.target().namespace());
      if (target.isEmpty()) {
        continue;
      }
      if (listeners == null) {
        listeners = ctx.inNamespace(KindCatalogue.EVENT_LISTENER);
        templates = ctx.inNamespace(KindCatalogue.TRIGGER_TEMPLATE);
        bindings = ctx.inNamespace(KindCatalogue.TRIGGER_BINDING);
        scan.read(listeners);
        scan.read(templates);
        scan.read(bindings);
        pipelines = scan.read(ctx.bound(KindCatalogue.TEKTON_PIPELINE)).stream().map(TrainingPipelines::name).collect(Collectors.toSet());
      }
      String ref = ProbeContext.ref(cron);
      if (!listeners.served() || !templates.served() || !bindings.served()) {
        out.add(new Chain(null, ref + " calls EventListener " + target.get() + ", which cannot be read"));
        continue;
      }
      out.add(chain(ctx, cron, target.get(), listeners, templates, bindings, pipelines));
    }
    return out;
  }

  private static Chain chain(ProbeContext ctx, GenericKubernetesResource cron, String listener, Listing listeners, Listing templates,
      Listing bindings, Set<String> pipelines) {
    String ref = ProbeContext.ref(cron) + " calls EventListener " + Quoted.of(listener);
    Optional<GenericKubernetesResource> el = named(listeners, listener);
    if (el.isEmpty()) {
      return new Chain(null, ref + ", which does not exist");
    }
    List<String> problems = new ArrayList<>();
    for (Object trigger : Fields.list(el.get(), "spec", "triggers")) {
      String template = Fields.string(trigger, "template", "ref").or(() -> Fields.string(trigger, "template", "name")).orElse("");
      List<String> missingBindings = Fields.list(trigger, "bindings").stream()
          .filter(b -> Fields.string(b, "kind").orElse("TriggerBinding").equals("TriggerBinding"))
          .map(b -> Fields.string(b, "ref").orElse("")).filter(b -> !b.isEmpty() && named(bindings, b).isEmpty()).toList();
      Optional<GenericKubernetesResource> tt = named(templates, template);
      if (tt.isEmpty()) {
        problems.add("its TriggerTemplate " + Quoted.of(template) + " does not exist");
      } else if (!missingBindings.isEmpty()) {
        problems.add("its TriggerBinding " + Quoted.of(missingBindings.get(0)) + " does not exist");
      } else {
        Optional<String> run = trainingRun(ctx, tt.get(), pipelines);
        if (run.isPresent()) {
          String via = "EventListener " + listener + " → TriggerTemplate " + template + " → PipelineRun of " + run.get();
          return new Chain(RetrainingSchedule.ofCronJob(cron).via(via), null);
        }
        problems.add("TriggerTemplate " + Quoted.of(template) + " creates no PipelineRun of the workload's training Pipeline");
      }
    }
    return new Chain(null, ref + (problems.isEmpty() ? ", which has no triggers" : ", but " + TrainingPipelines.summary(problems, 2)));
  }

  /** "Pipeline fraud-train" when a resource template is a PipelineRun of a bound Pipeline or carries the workload labels. */
  private static Optional<String> trainingRun(ProbeContext ctx, GenericKubernetesResource template, Set<String> pipelines) {
    for (Object rt : Fields.list(template, "spec", "resourcetemplates")) {
      if (!"PipelineRun".equals(Fields.string(rt, "kind").orElse(""))) {
        continue;
      }
      String pipeline = Fields.string(rt, "spec", "pipelineRef", "name").orElse("");
      if (pipelines.contains(pipeline)) {
        return Optional.of("Pipeline " + pipeline);
      }
      Optional<java.util.Map<String, Object>> labels = Fields.map(rt, "metadata", "labels");
      if (labels.isPresent() && dev.mlops.maturity.probe.SelectorMatcher.matches(ctx.target().selector(),
          labels.get().entrySet().stream().collect(Collectors.toMap(java.util.Map.Entry::getKey, e -> String.valueOf(e.getValue()))))) {
        return Optional.of(pipeline.isEmpty() ? "an inline pipeline" : "Pipeline " + pipeline);
      }
    }
    return Optional.empty();
  }

  private static Optional<GenericKubernetesResource> named(Listing listing, String name) {
    return listing.items().stream().filter(r -> name.equals(TrainingPipelines.name(r))).findFirst();
  }

  /**
   * The EventListener a CronJob's container calls: a URL host {@code el-<name>} or {@code el-<name>.<namespace>...}
   * in its args, command or env values, in the target's namespace. Scanned by hand: cluster data never meets a regex.
   */
  static Optional<String> listenerName(GenericKubernetesResource cron, String namespace) {
    List<Object> containers = Fields.list(cron, "spec", "jobTemplate", "spec", "template", "spec", "containers");
    for (Object c : containers) {
      List<Object> words = new ArrayList<>(Fields.list(c, "args"));
      words.addAll(Fields.list(c, "command"));
      Fields.list(c, "env").forEach(e -> Fields.string(e, "value").ifPresent(words::add));
      for (Object w : words) {
        Optional<String> name = host(String.valueOf(w), namespace);
        if (name.isPresent()) {
          return name;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> host(String word, String namespace) {
    int from = 0;
    while (true) {
      int at = word.indexOf(SERVICE_PREFIX, from);
      if (at < 0) {
        return Optional.empty();
      }
      boolean startsHost = at == 0 || "/@ \"'".indexOf(word.charAt(at - 1)) >= 0;
      int end = at + SERVICE_PREFIX.length();
      while (end < word.length() && (Character.isLowerCase(word.charAt(end)) || Character.isDigit(word.charAt(end)) || word.charAt(end) == '-')) {
        end++;
      }
      // a Service name is a DNS label of at most 63 characters, "el-" included
      if (startsHost && end > at + SERVICE_PREFIX.length() && end - at <= 63) {
        String name = word.substring(at + SERVICE_PREFIX.length(), end);
        if (end == word.length() || word.charAt(end) != '.') {
          return Optional.of(name);
        }
        int nsEnd = word.indexOf('.', end + 1);
        String ns = word.substring(end + 1, nsEnd < 0 ? word.length() : nsEnd);
        int colon = ns.indexOf(':');
        ns = colon < 0 ? ns : ns.substring(0, colon);
        if (ns.equals(namespace)) {
          return Optional.of(name);
        }
      }
      from = end;
    }
  }
}
