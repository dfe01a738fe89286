package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who last wrote an object's spec, from {@code metadata.managedFields} (PROBES.md b.13, [S43]). Entries for the
 * {@code status} subresource and from kube-controller-manager are not spec changes and are skipped. Manager
 * strings are chosen by the client, so the automation list is configurable.
 *
 * @param manager the field manager of the newest entry
 * @param time when it wrote (null when the entry has no parsable time)
 * @param kind whether that manager is automation, a human client (kubectl), or neither
 */
public record LastWriter(String manager, Instant time, WriterKind kind) {

  /** The default automation managers: GitOps controllers; names containing "pipeline" or "argo-workflow" also count. */
  public static final Set<String> DEFAULT_AUTOMATION =
      Set.of("argocd-controller", "argocd-application-controller", "kustomize-controller", "helm-controller");

  public enum WriterKind { AUTOMATION, HUMAN, UNCLASSIFIED }

  private static final Set<String> NOT_SPEC_WRITERS = Set.of("kube-controller-manager", "kube-scheduler");

  /** The newest spec writer, or empty when the object carries no managedFields (informer caches drop them). */
  public static Optional<LastWriter> of(GenericKubernetesResource object, Set<String> automation) {
    List<ManagedFieldsEntry> entries = object.getMetadata() == null || object.getMetadata().getManagedFields() == null
        ? List.of() : object.getMetadata().getManagedFields();
    return entries.stream()
        .filter(e -> e.getManager() != null && !e.getManager().isBlank())
        .filter(e -> !"status".equals(e.getSubresource()))
        .filter(e -> !NOT_SPEC_WRITERS.contains(e.getManager()))
        .max(Comparator.comparing(e -> Fields.instant(e.getTime()).orElse(Instant.MIN)))
        .map(e -> new LastWriter(e.getManager(), Fields.instant(e.getTime()).orElse(null), classify(e.getManager(), automation)));
  }

  public static WriterKind classify(String manager, Set<String> automation) {
    String m = manager.toLowerCase(Locale.ROOT);
    if (automation.contains(manager) || m.contains("pipeline") || m.contains("argo-workflow")) {
      return WriterKind.AUTOMATION;
    }
    if (m.startsWith("kubectl")) {
      return WriterKind.HUMAN;
    }
    return WriterKind.UNCLASSIFIED;
  }

}
