package dev.mlops.maturity.fixes;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code canary-deployment}: a canary the CanaryDeploymentProbe counts. A bound Argo Rollout gets a
 * canary strategy with partial setWeight steps; a Knative-mode KServe InferenceService gets a partial
 * {@code canaryTrafficPercent} (Standard mode ignores it); a plain Deployment gets a Rollout that takes
 * it over through {@code workloadRef}.
 */
public final class CanaryFix implements Fix {
  static final int CANARY_PERCENT = 10;
  private static final Set<String> IGNORES_PERCENT = Set.of("standard", "rawdeployment", "modelmesh");

  @Override
  public String capability() {
    return "canary-deployment";
  }

  @Override
  public Suggestion suggest(FixContext ctx) {
    Listing rollouts = ctx.inNamespace(KindCatalogue.ROLLOUT);
    Optional<ServingWorkload> workload = ServingWorkload.find(ctx);
    for (GenericKubernetesResource r : rollouts.items()) {
      String ref = Fields.string(r, "spec", "workloadRef", "name").orElse(null);
      if (ctx.isBound(r) || (ref != null && workload.map(w -> w.name().equals(ref)).orElse(false))) {
        return Suggestion.apply(ctx, "give Rollout " + r.getMetadata().getName() + " a canary strategy", List.of(rolloutPatch(ctx, r)));
      }
    }
    Listing services = ctx.inNamespace(KindCatalogue.INFERENCE_SERVICE);
    String model = ctx.target().registeredModel();
    for (GenericKubernetesResource isvc : services.items()) {
      if (!ctx.isBound(isvc) && !isvc.getMetadata().getName().equals(model)) {
        continue;
      }
      String mode = Optional.ofNullable(isvc.getMetadata().getAnnotations()).map(a -> a.get("serving.kserve.io/deploymentMode"))
          .or(() -> Fields.string(isvc, "status", "deploymentMode")).orElse("");
      if (IGNORES_PERCENT.contains(mode.toLowerCase(java.util.Locale.ROOT))) {
        return Suggestion.without(ctx, Remedy.NEEDS_HUMAN, "InferenceService " + isvc.getMetadata().getName() + " runs in " + mode
            + " mode, which ignores canaryTrafficPercent: a Standard-mode canary is a spec.canary[] entry with the candidate model's"
            + " predictor and trafficPercent, which only the team can name");
      }
      GenericKubernetesResource copy = CopiedObject.of(isvc);
      Map<String, Object> predictor = Fields.map(copy, "spec", "predictor").orElse(null);
      if (predictor == null) {
        continue;
      }
      predictor.put("canaryTrafficPercent", CANARY_PERCENT);
      ctx.annotate(copy);
      return Suggestion.apply(ctx, "send " + CANARY_PERCENT + "% of InferenceService " + isvc.getMetadata().getName() + " traffic to the next revision",
          List.of(ctx.manifest(copy, "replaces InferenceService " + isvc.getMetadata().getName() + " with spec.predictor.canaryTrafficPercent: "
              + CANARY_PERCENT + " (Knative mode" + (mode.isEmpty() ? ", the cluster default" : "") + "):",
              "the next predictor change serves " + CANARY_PERCENT + "% until promoted (set it to 100) or rolled back (set it to 0)")));
    }
    if (!rollouts.served()) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "no bound Rollout or Knative-mode InferenceService, and Argo Rollouts is not installed"
          + " (" + rollouts.reason() + "): install Argo Rollouts or serve through KServe in Knative mode");
    }
    if (workload.isEmpty() || !"Deployment".equals(workload.get().kind())) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "no bound Deployment for an Argo Rollout to take over");
    }
    return Suggestion.apply(ctx, "roll out Deployment " + workload.get().name() + " through a canary Rollout", List.of(newRollout(ctx, workload.get())));
  }

  static List<Object> steps() {
    return List.of(Map.of("setWeight", CANARY_PERCENT), Map.of("pause", Map.of("duration", "5m")),
        Map.of("setWeight", 50), Map.of("pause", Map.of("duration", "10m")));
  }

  private static FixManifest rolloutPatch(FixContext ctx, GenericKubernetesResource live) {
    GenericKubernetesResource copy = CopiedObject.of(live);
    Map<String, Object> spec = FixContext.spec(copy);
    @SuppressWarnings("unchecked")
    Map<String, Object> strategy = (Map<String, Object>) spec.computeIfAbsent("strategy", k -> new LinkedHashMap<String, Object>());
    boolean blueGreen = strategy.remove("blueGreen") != null;
    Map<String, Object> canary = new LinkedHashMap<>(Fields.map(strategy, "canary").orElse(Map.of()));
    canary.put("steps", steps());
    strategy.put("canary", canary);
    ctx.annotate(copy);
    return ctx.manifest(copy, "replaces Rollout " + live.getMetadata().getName() + "'s strategy with canary steps 10% → 50% → 100%"
        + (blueGreen ? " (its blueGreen strategy is removed: a Rollout has one strategy)" : "")
        + "; without trafficRouting the split is by replica count");
  }

  private static FixManifest newRollout(FixContext ctx, ServingWorkload w) {
    GenericKubernetesResource rollout = ctx.newObject(KindCatalogue.ROLLOUT, w.name());
    Map<String, Object> workloadRef = new LinkedHashMap<>();
    workloadRef.put("apiVersion", w.apiVersion());
    workloadRef.put("kind", w.kind());
    workloadRef.put("name", w.name());
    workloadRef.put("scaleDown", "progressively");
    Map<String, Object> spec = FixContext.spec(rollout);
    spec.put("replicas", Fields.number(w.controller(), "spec", "replicas").map(Double::intValue).orElse(1));
    spec.put("selector", Map.of("matchLabels", new LinkedHashMap<>(w.podSelector())));
    spec.put("workloadRef", workloadRef);
    spec.put("strategy", Map.of("canary", Map.of("steps", steps())));
    return ctx.manifest(rollout, "takes over the pods of Deployment " + w.name() + " (workloadRef, scaleDown: progressively: the Deployment",
        "is scaled down as the Rollout's pods become ready) and shifts 10% → 50% → 100% to each new version; split by replica count");
  }
}
