package dev.mlops.maturity.rbac;

import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ResourceKind;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The RBAC permissions the operator uses, computed from the kinds the probes read and the operator
 * configuration. The Helm chart grants exactly these (a test renders the chart and compares): no
 * wildcards, and Secrets only by name in the namespaces the configuration names.
 */
public final class RequiredPermissions {
  public static final String API_GROUP = "maturity.mlops.dev";
  static final List<String> READ = List.of("get", "list", "watch");
  /** JOSDK's check of its Lease permissions before leader election starts. */
  /** The OpenReports API group: one Report per MaturityTarget, in the target's namespace, when reports are enabled. */
  public static final String OPENREPORTS_GROUP = "openreports.io";
  /**
   * get (the stored Report, once per target after a start), create, update (whole replacement, never a patch
   * that could append results); no delete: Kubernetes' garbage collector removes a Report with its owner target.
   */
  public static final List<String> REPORT_VERBS = List.of("get", "create", "update");
  public static final Permission LEASE_ACCESS_CHECK = Permission.on("authorization.k8s.io", "selfsubjectrulesreviews", "create");

  private RequiredPermissions() {}

  /** The permissions for the built-in probes ({@link KindCatalogue#ALL}). */
  public static Grants of(OperatorConfig config, String operatorNamespace) {
    return of(KindCatalogue.ALL, config, operatorNamespace);
  }

  /**
   * Cluster-scoped kinds are always granted cluster-wide. Namespaced ones are granted cluster-wide
   * when every namespace is watched, else in each watched namespace. The leader Lease lives in the
   * operator's namespace; token Secrets in their own (default: the operator's).
   */
  public static Grants of(Collection<ResourceKind> probeKinds, OperatorConfig config, String operatorNamespace) {
    SortedSet<Permission> clusterScoped = new TreeSet<>();
    SortedSet<Permission> namespaced = new TreeSet<>();
    for (ResourceKind kind : probeKinds) {
      READ.forEach(verb -> (kind.namespaced() ? namespaced : clusterScoped).add(Permission.on(kind.group(), kind.plural(), verb)));
    }
    ownApi(clusterScoped, namespaced);
    if (config.reportsEnabled()) {
      REPORT_VERBS.forEach(v -> namespaced.add(Permission.on(OPENREPORTS_GROUP, "reports", v)));
    }

    SortedSet<Permission> clusterWide = new TreeSet<>(clusterScoped);
    Map<String, SortedSet<Permission>> byNamespace = new TreeMap<>();
    if (config.watchNamespaces().isEmpty()) {
      clusterWide.addAll(namespaced);
    } else {
      config.watchNamespaces().forEach(ns -> byNamespace.computeIfAbsent(ns, n -> new TreeSet<>()).addAll(namespaced));
    }
    SortedSet<Permission> leases = byNamespace.computeIfAbsent(operatorNamespace, n -> new TreeSet<>());
    // JOSDK 5.2.3 LeaderElectionManager.start() first checks its Lease access with a
    // SelfSubjectRulesReview (create, cluster-scoped) in the lease namespace. Kubernetes' default
    // system:basic-user role grants it to every authenticated user; the chart grants it explicitly so
    // the operator does not depend on that default binding.
    clusterWide.add(LEASE_ACCESS_CHECK);
    Stream.of("get", "create", "update").forEach(verb -> leases.add(Permission.on("coordination.k8s.io", "leases", verb)));
    Stream.concat(config.prometheus().values().stream(), config.mlflow().values().stream())
        .flatMap(Endpoint::secretKeys)
        .forEach(ref -> byNamespace
            .computeIfAbsent(ref.namespace() == null || ref.namespace().isEmpty() ? operatorNamespace : ref.namespace(), n -> new TreeSet<>())
            .add(new Permission("", "secrets", "get", ref.name())));
    return new Grants(clusterWide, byNamespace);
  }

  private static void ownApi(SortedSet<Permission> clusterScoped, SortedSet<Permission> namespaced) {
    // MaturityTarget: watched and status written; JOSDK's all-events mode adds no finalizer, so no patch/update
    Stream.of("get", "list", "watch").forEach(v -> namespaced.add(Permission.on(API_GROUP, "maturitytargets", v)));
    Stream.of("get", "patch", "update").forEach(v -> namespaced.add(Permission.on(API_GROUP, "maturitytargets/status", v)));
    // MaturityLedger: watched, created once per target and updated with each promotion (optimistic locking); never deleted
    // by the operator (garbage-collected with its owning target), so no patch or delete
    Stream.of("get", "list", "watch", "create", "update").forEach(v -> namespaced.add(Permission.on(API_GROUP, "maturityledgers", v)));
    // MaturityModel (cluster-scoped): watched, status written
    READ.forEach(v -> clusterScoped.add(Permission.on(API_GROUP, "maturitymodels", v)));
    Stream.of("patch", "update").forEach(v -> clusterScoped.add(Permission.on(API_GROUP, "maturitymodels/status", v)));
    // MaturityException (cluster-scoped): read only; only the maturity-exception-approver ClusterRole may write it
    READ.forEach(v -> clusterScoped.add(Permission.on(API_GROUP, "maturityexceptions", v)));
    // optional kinds are watched once their CRD appears
    READ.forEach(v -> clusterScoped.add(Permission.on("apiextensions.k8s.io", "customresourcedefinitions", v)));
    // LevelRaised, LevelRegressed, TargetMet, ProbeFailing, in the target's namespace
    for (String group : List.of("", "events.k8s.io")) {
      Stream.of("create", "patch").forEach(v -> namespaced.add(Permission.on(group, "events", v)));
    }
  }
}
