package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code promotion-rbac} (PROBES.md b.21): only explicitly named principals and automation can change the
 * workload's serving objects. The rule, kept simple so a person can check it with {@code kubectl get}:
 * <ol>
 *   <li>A <em>grant</em> is a RoleBinding in the target namespace or a ClusterRoleBinding whose Role/ClusterRole
 *       has a rule with a verb in {create, update, patch, delete, *} on a serving resource
 *       ({@code inferenceservices.serving.kserve.io}, {@code rollouts[/status].argoproj.io},
 *       {@code deployments.apps}, {@code models|experiments|pipelines.mlops.seldon.io}, {@code canaries.flagger.app});
 *       {@code *} in apiGroups, resources or verbs matches anything. The built-in {@code edit}, {@code admin}
 *       and {@code cluster-admin} ClusterRoles always count as writers (edit aggregates Argo Rollouts' and
 *       KServe's roles, PROBES.md Appendix D).</li>
 *   <li>Defaults are ignored: bootstrap bindings named {@code system:*} or {@code eks:*}, and the
 *       {@code system:masters} group.</li>
 *   <li>Missing, naming the binding, when a grant goes to a broad subject ({@code system:authenticated},
 *       {@code system:unauthenticated}, {@code system:serviceaccounts}, {@code system:serviceaccounts:<ns>},
 *       user {@code system:anonymous}), or when a Group holds the built-in {@code edit} or {@code admin} role
 *       (a whole team can promote by hand).</li>
 *   <li>Missing when no explicit grant exists (only defaults); Unknown when any RBAC list was refused, since a
 *       hidden binding could be the broad one; otherwise Satisfied, listing who holds the grants.</li>
 * </ol>
 * Which principals are the intended promoters cannot be declared yet; IdP group membership is opaque to the cluster.
 */
public final class PromotionRbacProbe extends AbstractProbe {
  public static final String CAPABILITY = "promotion-rbac";

  private static final Set<String> BROAD_GROUPS = Set.of("system:authenticated", "system:unauthenticated", "system:serviceaccounts");
  private static final List<String> DEFAULT_BINDING_PREFIXES = List.of("system:", "eks:");

  public PromotionRbacProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.ROLE, KindCatalogue.ROLE_BINDING, KindCatalogue.CLUSTER_ROLE, KindCatalogue.CLUSTER_ROLE_BINDING));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    List<GenericKubernetesResource> roleBindings = scan.read(ctx.inNamespace(KindCatalogue.ROLE_BINDING));
    List<GenericKubernetesResource> roles = scan.read(ctx.inNamespace(KindCatalogue.ROLE));
    List<GenericKubernetesResource> clusterBindings = scan.read(ctx.cluster().list(KindCatalogue.CLUSTER_ROLE_BINDING, null));
    List<GenericKubernetesResource> clusterRoles = scan.read(ctx.cluster().list(KindCatalogue.CLUSTER_ROLE, null));

    List<String> grants = new ArrayList<>();
    List<String> grantRefs = new ArrayList<>();
    List<String> offending = new ArrayList<>();
    List<String> offendingRefs = new ArrayList<>();
    List<GenericKubernetesResource> bindings = new ArrayList<>(roleBindings);
    bindings.addAll(clusterBindings);
    for (GenericKubernetesResource binding : bindings) {
      String bindingName = binding.getMetadata().getName();
      if (DEFAULT_BINDING_PREFIXES.stream().anyMatch(bindingName::startsWith)) {
        continue;
      }
      String roleKind = Fields.string(binding, "roleRef", "kind").orElse("");
      String roleName = Fields.string(binding, "roleRef", "name").orElse("");
      Optional<String> write = "ClusterRole".equals(roleKind) && RbacRules.BUILT_IN_WRITERS.contains(roleName)
          ? Optional.of("the built-in " + roleName + " role")
          : findRole(roleKind, roleName, binding.getMetadata().getNamespace(), roles, clusterRoles).flatMap(RbacRules::servingWrite);
      if (write.isEmpty()) {
        continue;
      }
      String ref = ProbeContext.ref(binding);
      for (Object subject : Fields.list(binding, "subjects")) {
        String kind = Fields.string(subject, "kind").orElse("");
        String name = Fields.string(subject, "name").orElse("");
        if ("Group".equals(kind) && "system:masters".equals(name)) {
          continue;
        }
        String who = describe(subject);
        if (broad(kind, name)) {
          offending.add(ref + " lets " + who + " " + write.get());
          offendingRefs.add(ref);
        } else if ("Group".equals(kind) && ("edit".equals(roleName) || "admin".equals(roleName)) && "ClusterRole".equals(roleKind)) {
          offending.add(ref + " gives " + who + " " + write.get() + " (the whole group can change serving objects)");
          offendingRefs.add(ref);
        } else {
          grants.add(who + " via " + ref);
          grantRefs.add(ref);
        }
      }
    }

    if (!offending.isEmpty()) {
      scan.refute("broad write access to serving objects: " + String.join("; ", offending), offendingRefs);
    }
    if (!scan.failedAny()) {
      // a refused list could hide the broad binding: grants satisfy only when every RBAC list was read
      scan.found(grantRefs.stream().distinct().toList());
    }
    return scan.verdict("only named subjects can change serving objects: " + String.join("; ", grants),
        "nobody is explicitly granted write access to the serving objects in " + ctx.target().namespace() + " (only defaults)");
  }

  private static Optional<GenericKubernetesResource> findRole(String kind, String name, String bindingNamespace,
      List<GenericKubernetesResource> roles, List<GenericKubernetesResource> clusterRoles) {
    List<GenericKubernetesResource> candidates = "Role".equals(kind) ? roles : "ClusterRole".equals(kind) ? clusterRoles : List.of();
    return candidates.stream()
        .filter(r -> name.equals(r.getMetadata().getName()))
        .filter(r -> !"Role".equals(kind) || Objects.equals(bindingNamespace, r.getMetadata().getNamespace()))
        .findFirst();
  }

  static boolean broad(String kind, String name) {
    return switch (kind) {
      case "Group" -> BROAD_GROUPS.contains(name) || name.startsWith("system:serviceaccounts:");
      case "User" -> "system:anonymous".equals(name);
      default -> false;
    };
  }

  private static String describe(Object subject) {
    String kind = Fields.string(subject, "kind").orElse("?");
    String ns = Fields.string(subject, "namespace").orElse("");
    String name = Fields.string(subject, "name").orElse("?");
    return kind + " " + ("ServiceAccount".equals(kind) && !ns.isEmpty() ? ns + "/" + name : name);
  }
}
