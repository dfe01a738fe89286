package dev.mlops.maturity.assessment;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.evaluation.ApprovedException;
import dev.mlops.maturity.evaluation.EntryKind;
import dev.mlops.maturity.evaluation.TargetExceptions;
import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MaturityExceptions of the cluster, read through the ClusterView (informer cache in the operator,
 * a LIST in assess). An exception whose kind is neither waiver nor notApplicable is ignored; one that
 * cannot be read approves nothing.
 */
public final class ClusterExceptions {
  /** Watched like any probe kind, so creating, editing or deleting an exception re-evaluates its target. */
  public static final ResourceKind KIND =
      new ResourceKind(MaturityTarget.GROUP, MaturityTarget.VERSION, "MaturityException", "maturityexceptions", false);

  private ClusterExceptions() {}

  /** The exceptions naming the target; an uninstalled CRD means none, a failed read says why. */
  public static TargetExceptions forTarget(ClusterView cluster, String namespace, String name) {
    Listing listing = cluster.list(KIND, null);
    if (!listing.served()) {
      return listing.availability() == Availability.NOT_INSTALLED
          ? new TargetExceptions(namespace, name, List.of(), "the MaturityException CRD is not installed")
          : new TargetExceptions(namespace, name, List.of(), listing.reason());
    }
    List<ApprovedException> all = new ArrayList<>();
    for (GenericKubernetesResource r : listing.items()) {
      read(r).ifPresent(all::add);
    }
    return TargetExceptions.of(namespace, name, all);
  }

  /** The target an exception names, if it names one (for re-evaluating it when the exception changes). */
  public static Optional<String[]> targetOf(GenericKubernetesResource r) {
    return read(r).map(e -> new String[] {e.namespace(), e.target()});
  }

  @SuppressWarnings("unchecked")
  static Optional<ApprovedException> read(GenericKubernetesResource r) {
    if (r == null || r.getMetadata() == null || !(r.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)) {
      return Optional.empty();
    }
    Object target = spec.get("target");
    if (!(target instanceof Map<?, ?> t)) {
      return Optional.empty();
    }
    Optional<EntryKind> kind = EntryKind.fromWire(text(spec.get("kind")));
    String ns = text(t.get("namespace"));
    String targetName = text(t.get("name"));
    String capability = text(spec.get("capability"));
    if (kind.isEmpty() || ns == null || targetName == null || capability == null) {
      return Optional.empty();
    }
    return Optional.of(new ApprovedException(r.getMetadata().getName(), ns, targetName, capability, kind.get(),
        text(spec.get("reason")), text(spec.get("expires")), text(spec.get("approvedBy"))));
  }

  private static String text(Object o) {
    return o instanceof String s ? s : null;
  }
}
