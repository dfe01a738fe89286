package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;

/** Reads of a Karpenter {@code NodePool} (karpenter.sh/v1, PROBES.md b.24, b.26, b.27 [S27]). */
final class NodePools {
  static final String CAPACITY_TYPE = "karpenter.sh/capacity-type";
  static final Set<String> CAPACITY_TYPES = Set.of("spot", "on-demand", "reserved");
  private static final Pattern GPU_FAMILY = Pattern.compile("^[gp]\\d.*");

  private NodePools() {}

  static List<Object> requirements(GenericKubernetesResource pool) {
    return Fields.list(pool, "spec", "template", "spec", "requirements");
  }

  /**
   * The capacity types the pool may launch: {@code In} values, the complement of {@code NotIn} values,
   * all for {@code Exists}; without a capacity-type requirement Karpenter launches on-demand.
   */
  static Set<String> capacityTypes(GenericKubernetesResource pool) {
    Set<String> types = new LinkedHashSet<>(CAPACITY_TYPES);
    boolean constrained = false;
    for (Object r : requirements(pool)) {
      if (!CAPACITY_TYPE.equals(Fields.string(r, "key").orElse(null))) {
        continue;
      }
      constrained = true;
      Set<String> values = new LinkedHashSet<>();
      Fields.list(r, "values").forEach(v -> values.add(String.valueOf(v)));
      switch (Fields.string(r, "operator").orElse("")) {
        case "In" -> types.retainAll(values);
        case "NotIn" -> types.removeAll(values);
        case "Exists" -> { }
        default -> types.clear();
      }
    }
    return constrained ? types : Set.of("on-demand");
  }

  /** Why the pool launches GPU nodes (a GPU taint or a GPU instance requirement), if it does. */
  static Optional<String> gpu(GenericKubernetesResource pool) {
    for (Object taint : Fields.list(pool, "spec", "template", "spec", "taints")) {
      if ("nvidia.com/gpu".equals(Fields.string(taint, "key").orElse(null))) {
        return Optional.of("taint nvidia.com/gpu");
      }
    }
    for (Object r : requirements(pool)) {
      String key = Fields.string(r, "key").orElse("");
      String op = Fields.string(r, "operator").orElse("");
      List<String> values = Fields.list(r, "values").stream().map(String::valueOf).toList();
      boolean gpu = switch (key) {
        case "karpenter.k8s.aws/instance-gpu-count" -> "Exists".equals(op)
            || ("Gt".equals(op) && values.stream().anyMatch(v -> Quantities.amount(v).map(a -> a.signum() >= 0).orElse(false)))
            || (("In".equals(op) || "Gte".equals(op)) && values.stream().anyMatch(Quantities::positive));
        case "karpenter.k8s.aws/instance-gpu-manufacturer" -> "Exists".equals(op) || ("In".equals(op) && values.contains("nvidia"));
        case "karpenter.k8s.aws/instance-gpu-name", "karpenter.k8s.aws/instance-gpu-memory" -> "Exists".equals(op) || "In".equals(op) || "Gt".equals(op) || "Gte".equals(op);
        case "karpenter.k8s.aws/instance-category" -> "In".equals(op) && (values.contains("g") || values.contains("p"));
        case "karpenter.k8s.aws/instance-family" -> "In".equals(op) && !values.isEmpty() && values.stream().allMatch(v -> GPU_FAMILY.matcher(v).matches());
        default -> key.startsWith("nvidia.com/gpu") && ("In".equals(op) || "Exists".equals(op) || "Gt".equals(op));
      };
      if (gpu) {
        return Optional.of("requirement " + key + " " + op + (values.isEmpty() ? "" : " " + values));
      }
    }
    return Optional.empty();
  }

  /**
   * The disruption budget that forbids consolidation at all times, if any: {@code nodes: "0"} or {@code "0%"}
   * with no {@code schedule} (a scheduled budget only blocks its window), whose {@code reasons} are absent (all
   * reasons) or include {@code Underutilized} (karpenter.sh/v1 {@code Budget}).
   */
  static Optional<String> consolidationBlockedBy(GenericKubernetesResource pool) {
    for (Object budget : Fields.list(pool, "spec", "disruption", "budgets")) {
      String nodes = Fields.string(budget, "nodes").map(String::trim).orElse("10%");
      boolean zero = nodes.equals("0") || nodes.equals("0%");
      boolean always = Fields.string(budget, "schedule").map(String::isBlank).orElse(true);
      List<String> reasons = Fields.list(budget, "reasons").stream().map(String::valueOf).toList();
      if (zero && always && (reasons.isEmpty() || reasons.contains("Underutilized"))) {
        return Optional.of("disruption budget nodes: \"" + nodes + "\"" + (reasons.isEmpty() ? "" : " for " + String.join(", ", reasons)));
      }
    }
    return Optional.empty();
  }
}
