package dev.mlops.maturity.fixes;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code right-sizing}: a VerticalPodAutoscaler on the workload's Deployment or StatefulSet with
 * {@code updateMode: InPlaceOrRecreate}, a mode RightSizingProbe counts (Off and Initial do not resize
 * running pods).
 */
public final class RightSizingFix implements Fix {
  static final String MODE = "InPlaceOrRecreate";

  @Override
  public String capability() {
    return "right-sizing";
  }

  @Override
  public Suggestion suggest(FixContext ctx) {
    Listing vpas = ctx.inNamespace(KindCatalogue.VPA);
    if (!vpas.served()) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, vpas.availability() == Availability.NOT_INSTALLED
          ? "the Vertical Pod Autoscaler is not installed (no VerticalPodAutoscaler CRD): install it (kubernetes/autoscaler vertical-pod-autoscaler)"
              + " or enable Karpenter consolidation (consolidationPolicy: WhenEmptyOrUnderutilized)"
          : "cannot read VerticalPodAutoscalers: " + vpas.reason());
    }
    Optional<ServingWorkload> workload = ServingWorkload.find(ctx);
    if (workload.isEmpty()) {
      return Suggestion.without(ctx, Remedy.CLUSTER_LACKS, "no Deployment or StatefulSet is bound to the workload selector for a VerticalPodAutoscaler to resize");
    }
    ServingWorkload w = workload.get();
    boolean taken = vpas.items().stream().anyMatch(v -> w.name().equals(v.getMetadata().getName()));
    String name = taken ? w.name() + "-vpa" : w.name();
    GenericKubernetesResource vpa = ctx.newObject(KindCatalogue.VPA, name);
    Map<String, Object> targetRef = new LinkedHashMap<>();
    targetRef.put("apiVersion", w.apiVersion());
    targetRef.put("kind", w.kind());
    targetRef.put("name", w.name());
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("containerName", "*");
    container.put("controlledResources", List.of("cpu", "memory"));
    Map<String, Object> spec = FixContext.spec(vpa);
    spec.put("targetRef", targetRef);
    spec.put("updatePolicy", Map.of("updateMode", MODE));
    spec.put("resourcePolicy", Map.of("containerPolicies", List.of(container)));
    return Suggestion.apply(ctx, "resize " + w.kind() + " " + w.name() + " with a VerticalPodAutoscaler (updateMode " + MODE + ")",
        List.of(ctx.manifest(vpa,
            "disruption: InPlaceOrRecreate resizes running pods in place where the node and kubelet allow it (VPA 1.4+, Kubernetes",
            "InPlacePodVerticalScaling) and otherwise evicts and recreates them; a PodDisruptionBudget bounds how many at once.",
            "to preview first, apply it with updateMode: \"Off\" (recommendations only, in status.recommendation; Off does not",
            "count as right-sizing) and switch to " + MODE + " once the recommendations look right")));
  }
}
