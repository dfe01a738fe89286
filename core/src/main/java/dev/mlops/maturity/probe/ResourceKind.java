package dev.mlops.maturity.probe;

/** A Kubernetes kind a probe reads: group (empty for core), version, kind, plural, scope. */
public record ResourceKind(String group, String version, String kind, String plural, boolean namespaced) {
  private static final java.util.Set<String> BUILT_IN_GROUPS =
      java.util.Set.of("", "apps", "batch", "autoscaling", "policy", "rbac.authorization.k8s.io", "networking.k8s.io",
          "discovery.k8s.io", "coordination.k8s.io", "authorization.k8s.io", "apiextensions.k8s.io");

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code argoproj.io/CronWorkflow}, as used in evidence references. */
  public String displayName() {
    return group.isEmpty() ? kind : group + "/" + kind;
  }

  /** True for kinds every cluster serves (core, apps, batch, rbac ...); false for CRD-backed kinds. */
  public boolean builtIn() {
    return BUILT_IN_GROUPS.contains(group);
  }

  public String reference(String namespace, String name) {
    return displayName() + " " + (namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
