package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;
import java.util.Set;

/**
 * {@code right-sizing} (PROBES.md b.27, platform scope): resources are resized automatically.
 * <ul>
 *   <li>a VerticalPodAutoscaler (autoscaling.k8s.io/v1) that resizes running pods: {@code spec.updatePolicy.updateMode}
 *       Recreate, InPlaceOrRecreate or the deprecated Auto (absent means the upstream default, Auto). {@code Off}
 *       only recommends and {@code Initial} only sets requests when a pod is created: neither right-sizes
 *       (PROBES.md e);</li>
 *   <li>a Karpenter NodePool consolidating under-used nodes: {@code spec.disruption.consolidationPolicy}
 *       {@code WhenEmptyOrUnderutilized} (the v1 default, applied when absent), {@code Balanced}, or the v1beta1
 *       name {@code WhenUnderutilized}, or the newer {@code consolidateWhen: WhenCostJustifiesDisruption}.
 *       {@code WhenEmpty} only removes empty nodes, and a static pool ({@code spec.replicas}) ignores
 *       consolidation: neither counts. A disruption budget {@code nodes: "0"} (or "0%") without a
 *       {@code schedule} that covers consolidation (no {@code reasons}, or {@code Underutilized}) blocks it for good.</li>
 * </ul>
 * Horizontal autoscaling (HPA, KEDA, KServe replicas) is elasticity, not right-sizing, and is not read.
 */
public final class RightSizingProbe extends AbstractProbe {
  public static final String CAPABILITY = "right-sizing";
  private static final Set<String> CONSOLIDATING = Set.of("WhenEmptyOrUnderutilized", "Balanced", "WhenUnderutilized");
  /** Update modes that change the requests of running pods ("" is the upstream default, Auto). */
  private static final Set<String> RESIZING = Set.of("", "Auto", "Recreate", "InPlaceOrRecreate");

  public RightSizingProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.VPA, KindCatalogue.NODE_POOL));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    for (GenericKubernetesResource vpa : scan.read(ctx.cluster().list(KindCatalogue.VPA, null))) {
      String mode = Fields.string(vpa, "spec", "updatePolicy", "updateMode").orElse("");
      String target = Fields.string(vpa, "spec", "targetRef", "kind").orElse("?") + " " + Fields.string(vpa, "spec", "targetRef", "name").orElse("?");
      if ("Off".equals(mode)) {
        scan.seen(ProbeContext.ref(vpa) + " is recommendation only (updateMode: Off)");
      } else if ("Initial".equals(mode)) {
        scan.seen(ProbeContext.ref(vpa) + " only sets requests when a pod is created (updateMode: Initial)");
      } else if (!RESIZING.contains(mode)) {
        scan.seen(ProbeContext.ref(vpa) + " has an unknown updateMode " + Fields.string(vpa, "spec", "updatePolicy", "updateMode").map(m -> m.length() > 40 ? m.substring(0, 40) + "…" : m).orElse(""));
      } else {
        scan.found(ProbeContext.ref(vpa) + " (updateMode " + (mode.isEmpty() ? "default Auto" : mode) + " on " + target + ")");
      }
    }
    for (GenericKubernetesResource pool : scan.read(ctx.cluster().list(KindCatalogue.NODE_POOL, null))) {
      String policy = Fields.string(pool, "spec", "disruption", "consolidationPolicy").orElse("");
      Optional<String> blocked = NodePools.consolidationBlockedBy(pool);
      if (Fields.at(pool, "spec", "replicas").isPresent()) {
        scan.seen(ProbeContext.ref(pool) + " is a static pool (spec.replicas): consolidation is ignored");
      } else if (blocked.isPresent()) {
        scan.seen(ProbeContext.ref(pool) + " never consolidates: " + blocked.get());
      } else if ("WhenCostJustifiesDisruption".equals(Fields.string(pool, "spec", "disruption", "consolidateWhen").orElse(""))) {
        scan.found(ProbeContext.ref(pool) + " (consolidateWhen WhenCostJustifiesDisruption)");
      } else if (policy.isEmpty() || CONSOLIDATING.contains(policy)) {
        scan.found(ProbeContext.ref(pool) + " (consolidationPolicy " + (policy.isEmpty() ? "default WhenEmptyOrUnderutilized" : policy) + ")");
      } else {
        scan.seen(ProbeContext.ref(pool) + " consolidates only " + ("WhenEmpty".equals(policy) ? "empty nodes" : "with policy " + policy));
      }
    }
    return scan.verdict("resources are right-sized automatically", "no automatic right-sizing");
  }
}
