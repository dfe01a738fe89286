package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an RBAC role lets its holders change serving objects (PROBES.md b.21): a rule with a verb in
 * {create, update, patch, delete, *} on a serving resource, where {@code *} in apiGroups, resources or verbs
 * matches anything.
 */
final class RbacRules {
  static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "*");

  /** Serving resources by API group; rollouts/status is what the promote and abort commands patch. */
  static final Map<String, List<String>> SERVING_RESOURCES = Map.of(
      "serving.kserve.io", List.of("inferenceservices"),
      "argoproj.io", List.of("rollouts", "rollouts/status"),
      "apps", List.of("deployments"),
      "mlops.seldon.io", List.of("models", "experiments", "pipelines"),
      "flagger.app", List.of("canaries"));

  /**
   * Built-in ClusterRoles that can write serving objects whatever their visible rules: {@code edit} and
   * {@code admin} write Deployments and aggregate Argo Rollouts' and KServe's roles; {@code cluster-admin} is {@code *}.
   */
  static final Set<String> BUILT_IN_WRITERS = Set.of("edit", "admin", "cluster-admin");

  private RbacRules() {}

  /** The first write permission on a serving resource, as "patch inferenceservices.serving.kserve.io". */
  static Optional<String> servingWrite(GenericKubernetesResource role) {
    for (Object rule : Fields.list(role, "rules")) {
      Optional<String> hit = servingWrite(rule);
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  static Optional<String> servingWrite(Object rule) {
    List<Object> verbs = Fields.list(rule, "verbs");
    List<Object> groups = Fields.list(rule, "apiGroups");
    List<Object> resources = Fields.list(rule, "resources");
    Optional<String> verb = verbs.stream().map(String::valueOf).filter(WRITE_VERBS::contains).findFirst();
    if (verb.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> e : SERVING_RESOURCES.entrySet()) {
      if (!groups.contains(e.getKey()) && !groups.contains("*")) {
        continue;
      }
      for (String resource : e.getValue()) {
        if (resources.contains(resource) || resources.contains("*")) {
          return Optional.of(verb.get() + " " + resource + "." + e.getKey());
        }
      }
    }
    return Optional.empty();
  }
}
