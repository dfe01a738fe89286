package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spot-capacity} (PROBES.md b.26, platform scope): spot capacity exists for training AND on-demand or
 * reserved capacity for inference. Sources:
 * <ul>
 *   <li>Karpenter NodePools: the {@code karpenter.sh/capacity-type} requirement ({@code In}, {@code NotIn},
 *       {@code Exists}); a pool without it launches on-demand. One pool allowing both sides counts for both;</li>
 *   <li>node labels: {@code karpenter.sh/capacity-type}, EKS {@code eks.amazonaws.com/capacityType}
 *       (SPOT; ON_DEMAND or CAPACITY_BLOCK), AKS {@code kubernetes.azure.com/scalesetpriority: spot}, GKE
 *       {@code cloud.google.com/gke-spot: "true"} (not verified upstream, PROBES.md [S41]).</li>
 * </ul>
 * Only one side present is Missing naming the missing side. Nodes without any capacity label say nothing, so
 * a cluster with no NodePool CRD and no labelled node is Unknown (capacity type not visible), not Missing.
 * Whether training pods really land on spot (placement intent, history) is not judged here.
 */
public final class SpotCapacityProbe extends AbstractProbe {
  public static final String CAPABILITY = "spot-capacity";

  private static final Map<String, Set<String>> SPOT_LABELS = Map.of(
      NodePools.CAPACITY_TYPE, Set.of("spot"),
      "eks.amazonaws.com/capacityType", Set.of("SPOT"),
      "kubernetes.azure.com/scalesetpriority", Set.of("spot"),
      "cloud.google.com/gke-spot", Set.of("true"));
  private static final Map<String, Set<String>> ON_DEMAND_LABELS = Map.of(
      NodePools.CAPACITY_TYPE, Set.of("on-demand", "reserved"),
      "eks.amazonaws.com/capacityType", Set.of("ON_DEMAND", "CAPACITY_BLOCK"));

  public SpotCapacityProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.NODE, KindCatalogue.NODE_POOL));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    List<String> spot = new ArrayList<>();
    List<String> onDemand = new ArrayList<>();
    for (GenericKubernetesResource pool : scan.read(ctx.cluster().list(KindCatalogue.NODE_POOL, null))) {
      Set<String> types = NodePools.capacityTypes(pool);
      String ref = ProbeContext.ref(pool);
      if (types.contains("spot")) {
        spot.add(ref + " (spot)");
      }
      if (types.contains("on-demand") || types.contains("reserved")) {
        onDemand.add(ref + " (" + String.join(", ", types.stream().filter(t -> !"spot".equals(t)).sorted().toList()) + ")");
      }
    }
    Listing nodes = ctx.cluster().list(KindCatalogue.NODE, null);
    boolean labelled = false;
    for (GenericKubernetesResource node : nodes.items()) {
      Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
      String spotLabel = matching(labels, SPOT_LABELS);
      String onDemandLabel = matching(labels, ON_DEMAND_LABELS);
      if (spotLabel != null && spot.size() < 3) {
        spot.add(ProbeContext.ref(node) + " (" + spotLabel + ")");
      }
      if (onDemandLabel != null && onDemand.size() < 3) {
        onDemand.add(ProbeContext.ref(node) + " (" + onDemandLabel + ")");
      }
      labelled |= spotLabel != null || onDemandLabel != null;
    }
    if (!nodes.served() || labelled) {
      scan.read(nodes);
    }
    if (!spot.isEmpty() && !onDemand.isEmpty()) {
      List<String> refs = new ArrayList<>(spot);
      refs.addAll(onDemand);
      return scan.found(refs).verdict("spot capacity (" + spot.get(0) + ") and on-demand/reserved capacity (" + onDemand.get(0) + ")", "");
    }
    if (!spot.isEmpty()) {
      scan.seen("spot only: " + String.join(", ", spot));
      return scan.verdict("", "no on-demand or reserved capacity for inference");
    }
    if (!onDemand.isEmpty()) {
      scan.seen("on-demand only: " + String.join(", ", onDemand));
      return scan.verdict("", "no spot capacity for training");
    }
    return scan.verdict("", "no capacity-type information: no NodePool and no node with a capacity-type label");
  }

  private static String matching(Map<String, String> labels, Map<String, Set<String>> wanted) {
    for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
      String value = labels.get(e.getKey());
      if (value != null && e.getValue().contains(value)) {
        return e.getKey() + "=" + value;
      }
    }
    return null;
  }
}
