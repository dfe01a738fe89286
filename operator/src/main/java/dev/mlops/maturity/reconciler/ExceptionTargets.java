package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.assessment.ClusterExceptions;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers which target each MaturityException names (and its resourceVersion), so a change of the
 * exceptions re-evaluates only the targets concerned: those of exceptions created, edited or deleted since
 * the last look, before and after a retarget. Only names are kept, never the objects.
 */
final class ExceptionTargets {
  private record Seen(String target, String resourceVersion) {}

  private Map<String, Seen> known = Map.of();

  /** The "namespace/name" keys of the targets whose exceptions changed since the last call. */
  synchronized Set<String> changed(Listing current) {
    if (!current.served()) {
      return Set.of();
    }
    Map<String, Seen> now = new HashMap<>();
    for (GenericKubernetesResource r : current.items()) {
      if (r.getMetadata() == null || r.getMetadata().getName() == null) {
        continue;
      }
      String target = ClusterExceptions.targetOf(r).map(t -> t[0] + "/" + t[1]).orElse(null);
      now.put(r.getMetadata().getName(), new Seen(target, r.getMetadata().getResourceVersion()));
    }
    Set<String> out = new HashSet<>();
    Set<String> names = new HashSet<>(known.keySet());
    names.addAll(now.keySet());
    for (String name : names) {
      Seen before = known.get(name);
      Seen after = now.get(name);
      if (!Objects.equals(before, after)) {
        if (before != null && before.target() != null) {
          out.add(before.target());
        }
        if (after != null && after.target() != null) {
          out.add(after.target());
        }
      }
    }
    known = now;
    return out;
  }
}
