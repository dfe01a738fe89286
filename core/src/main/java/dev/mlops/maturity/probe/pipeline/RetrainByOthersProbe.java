package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code retrain-by-others} (PROBES.md b.29), the in-cluster proxy: training is submittable by the
 * team. Satisfied when a training definition bound to the workload exists ({@link TrainingPipelines})
 * AND either
 * <ul>
 *   <li>its Argo runs were created by at least two distinct people (label
 *       {@code workflows.argoproj.io/creator}, set by argo-server from the caller; values
 *       {@code system-serviceaccount-*} are ServiceAccounts and do not count), or</li>
 *   <li>RoleBindings in the namespace grant a Role or ClusterRole with {@code create} (or {@code *})
 *       on the run resource of that definition to a Group (not {@code system:*}) or, across those
 *       bindings, to two distinct Users: {@code workflows.argoproj.io} for Argo,
 *       {@code pipelineruns.tekton.dev} for Tekton, {@code runs.pipelines.kubeflow.org} (KFP
 *       multi-user authorisation) or {@code workflows.argoproj.io} for KFP. ServiceAccounts are
 *       automation and do not count; ClusterRoleBindings are not read.</li>
 * </ul>
 * Otherwise Missing (a model may accept it declared); Unknown when the definitions or the RBAC
 * objects could not be read.
 */
public final class RetrainByOthersProbe extends AbstractProbe {
  static final String CAPABILITY = "retrain-by-others";
  /** argo-server in server auth mode writes its own ServiceAccount (sanitised) as the creator: automation, not a person. */
  static final String SERVICE_ACCOUNT_CREATOR = "system-serviceaccount-";

  private record Grant(String group, String resource) {
    String display() {
      return resource + "." + group;
    }
  }

  private static final Grant ARGO_WORKFLOWS = new Grant("argoproj.io", "workflows");
  private static final Grant TEKTON_PIPELINE_RUNS = new Grant("tekton.dev", "pipelineruns");
  private static final Grant KFP_RUNS = new Grant("pipelines.kubeflow.org", "runs");

  public RetrainByOthersProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.WORKFLOW_TEMPLATE, KindCatalogue.CRON_WORKFLOW, KindCatalogue.SCHEDULED_WORKFLOW, KindCatalogue.TEKTON_PIPELINE, KindCatalogue.WORKFLOW,
        KindCatalogue.ROLE_BINDING, KindCatalogue.ROLE, KindCatalogue.CLUSTER_ROLE));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    TrainingPipelines pipelines = TrainingPipelines.discover(ctx, scan);
    if (pipelines.isEmpty()) {
      return scan.verdict("", "no training pipeline the team can submit (no WorkflowTemplate, ScheduledWorkflow or Tekton Pipeline is bound to the workload)");
    }
    List<String> references = new ArrayList<>(pipelines.definitions().stream().map(ProbeContext::ref).toList());
    String definitions = TrainingPipelines.summary(references, 2);

    Map<String, GenericKubernetesResource> firstRunByCreator = new LinkedHashMap<>();
    pipelines.argoRuns(ctx).forEach(wf -> Optional.ofNullable(TrainingPipelines.label(wf, TrainingPipelines.CREATOR_LABEL))
        .filter(c -> !c.isBlank() && !c.startsWith(SERVICE_ACCOUNT_CREATOR)).ifPresent(c -> firstRunByCreator.putIfAbsent(c, wf)));
    if (firstRunByCreator.size() >= 2) {
      firstRunByCreator.values().forEach(wf -> references.add(ProbeContext.ref(wf)));
      return scan.found(references).verdict(definitions + " was run by " + firstRunByCreator.size() + " distinct creators", "");
    }

    Set<Grant> wanted = wantedGrants(pipelines);
    RbacFinding rbac = submitters(ctx, wanted);
    if (rbac.satisfied()) {
      references.addAll(rbac.bindings());
      return scan.found(references).verdict(definitions + " is submittable by " + rbac.describe(), "");
    }
    if (!rbac.unreadable().isEmpty()) {
      references.forEach(scan::seen);
      rbac.unreadable().forEach(scan::failed);
      return scan.verdict("", "");
    }
    // every RBAC list was read: a definition nobody else may run is Missing even if another definition kind was unreadable
    String grants = String.join(" or ", wanted.stream().map(Grant::display).toList());
    return scan.refute(definitions + " exists, but " + (firstRunByCreator.isEmpty() ? "no run names its creator" : "only one creator ran it")
        + " and no RoleBinding grants create on " + grants + " to a group or two users"
        + (rbac.users().isEmpty() ? "" : " (only user " + rbac.users().iterator().next() + ")"), references).verdict("", "");
  }

  private static Set<Grant> wantedGrants(TrainingPipelines pipelines) {
    Set<Grant> wanted = new LinkedHashSet<>();
    for (GenericKubernetesResource d : pipelines.definitions()) {
      switch (TrainingPipelines.provider(d)) {
        case "Argo Workflows" -> wanted.add(ARGO_WORKFLOWS);
        case "Tekton" -> wanted.add(TEKTON_PIPELINE_RUNS);
        case "Kubeflow Pipelines" -> {
          wanted.add(KFP_RUNS);
          wanted.add(ARGO_WORKFLOWS);
        }
        default -> { }
      }
    }
    return wanted;
  }

  private record RbacFinding(Set<String> groups, Set<String> users, List<String> bindings, List<String> unreadable) {
    boolean satisfied() {
      return !groups.isEmpty() || users.size() >= 2;
    }

    String describe() {
      List<String> who = new ArrayList<>();
      groups.forEach(g -> who.add("group " + g));
      if (users.size() >= 2) {
        who.add(users.size() + " users");
      }
      return String.join(", ", who) + " (RBAC)";
    }
  }

  private static RbacFinding submitters(ProbeContext ctx, Set<Grant> wanted) {
    Set<String> groups = new LinkedHashSet<>();
    Set<String> users = new LinkedHashSet<>();
    List<String> bindingRefs = new ArrayList<>();
    Set<String> unreadable = new LinkedHashSet<>();
    Listing bindings = ctx.inNamespace(KindCatalogue.ROLE_BINDING);
    if (!bindings.served()) {
      return new RbacFinding(groups, users, bindingRefs, List.of(bindings.reason()));
    }
    Listing roles = ctx.inNamespace(KindCatalogue.ROLE);
    Listing clusterRoles = ctx.cluster().list(KindCatalogue.CLUSTER_ROLE, null);
    for (GenericKubernetesResource binding : bindings.items()) {
      String roleKind = Fields.string(binding, "roleRef", "kind").orElse("");
      String roleName = Fields.string(binding, "roleRef", "name").orElse("");
      Listing source = "ClusterRole".equals(roleKind) ? clusterRoles : "Role".equals(roleKind) ? roles : null;
      if (source == null) {
        continue;
      }
      if (!source.served()) {
        unreadable.add(source.reason());
        continue;
      }
      Optional<GenericKubernetesResource> role = source.items().stream().filter(r -> roleName.equals(TrainingPipelines.name(r))).findFirst();
      if (role.isEmpty() || !grantsCreate(role.get(), wanted)) {
        continue;
      }
      boolean counted = false;
      for (Object subject : Fields.list(binding, "subjects")) {
        String kind = Fields.string(subject, "kind").orElse("");
        String name = Fields.string(subject, "name").orElse("");
        if (name.isBlank()) {
          continue;
        }
        if ("Group".equals(kind) && !name.startsWith("system:")) {
          counted |= groups.add(name);
        } else if ("User".equals(kind)) {
          counted |= users.add(name);
        }
      }
      if (counted) {
        bindingRefs.add(ProbeContext.ref(binding));
      }
    }
    return new RbacFinding(groups, users, bindingRefs, List.copyOf(unreadable));
  }

  static boolean grantsCreate(GenericKubernetesResource role, Set<Grant> wanted) {
    for (Object rule : Fields.list(role, "rules")) {
      List<Object> verbs = Fields.list(rule, "verbs");
      if (!verbs.contains("create") && !verbs.contains("*")) {
        continue;
      }
      List<Object> apiGroups = Fields.list(rule, "apiGroups");
      List<Object> resources = Fields.list(rule, "resources");
      for (Grant g : wanted) {
        if ((apiGroups.contains(g.group()) || apiGroups.contains("*")) && (resources.contains(g.resource()) || resources.contains("*"))) {
          return true;
        }
      }
    }
    return false;
  }
}
