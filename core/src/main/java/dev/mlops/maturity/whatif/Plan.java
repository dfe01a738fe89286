package dev.mlops.maturity.whatif;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.probe.ResourceKind;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The objects a change would create, replace or delete, in document order (a later document for the same object wins). */
public record Plan(List<PlannedObject> objects) {
  public Plan {
    objects = List.copyOf(objects);
  }

  /** A plan of one object (the admission webhook's view of one request). */
  public static Plan of(PlannedObject object) {
    return new Plan(List.of(object));
  }

  /** The last document for {@code kind}, if the plan names objects of it. */
  public List<PlannedObject> of(ResourceKind kind) {
    return objects.stream().filter(o -> o.is(kind)).toList();
  }

  /** The plan's MaturityTargets (created, replaced or deleted). */
  public List<PlannedObject> targets() {
    return objects.stream().filter(o -> MaturityTarget.GROUP.equals(o.group()) && "MaturityTarget".equals(o.kind())).toList();
  }

  /** Namespaces the plan writes to; a cluster-scoped object is reported by {@link #clusterWide()}. */
  public Set<String> namespaces() {
    Set<String> out = new TreeSet<>();
    objects.stream().filter(o -> o.namespace() != null).forEach(o -> out.add(o.namespace()));
    return out;
  }

  /** Whether the plan changes a cluster-scoped object (a NodePool, a ClusterRole ...), which may affect every target. */
  public boolean clusterWide() {
    return objects.stream().anyMatch(o -> o.namespace() == null);
  }
}
