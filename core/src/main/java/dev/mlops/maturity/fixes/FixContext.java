package dev.mlops.maturity.fixes;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.WorkloadTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fix may look at: the target, the cluster (read-only), the capability it closes, the level
 * that capability unlocks, the other capabilities still blocking that level, and the current evidence.
 */
public record FixContext(WorkloadTarget target, ClusterView cluster, String model, String capability, int level, String levelName,
    List<String> alsoBlocking, Evidence evidence) {
  /** Set on every suggested object, so an applied fix can be found again. */
  public static final String SUGGESTED_FOR = "maturity.mlops.dev/suggested-for";

  public FixContext {
    alsoBlocking = List.copyOf(alsoBlocking);
  }

  private ProbeContext probe() {
    return new ProbeContext(target, cluster, null, null, null);
  }

  /** Objects of a kind in the target's namespace whose labels match the workload selector. */
  public Listing bound(ResourceKind kind) {
    return probe().bound(kind);
  }

  public Listing inNamespace(ResourceKind kind) {
    return cluster.list(kind, target.namespace());
  }

  public boolean isBound(GenericKubernetesResource r) {
    return probe().isBound(r);
  }

  public String namespace() {
    return target.namespace();
  }

  /** Labels that bind a new object to the workload (the selector's matchLabels and In values). */
  public Map<String, String> workloadLabels() {
    return WorkloadLabels.of(target.selector());
  }

  /** A new object of {@code kind} in the target's namespace, bound to the workload, annotated with the capability. */
  public GenericKubernetesResource newObject(ResourceKind kind, String name) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setApiVersion(kind.apiVersion());
    r.setKind(kind.kind());
    r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(target.namespace())
        .withLabels(new LinkedHashMap<>(workloadLabels())).build());
    annotate(r);
    return r;
  }

  /** The spec map of an object, created when absent. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().computeIfAbsent("spec", k -> new LinkedHashMap<String, Object>());
  }

  /** A map in the given key order (Map.of iterates in a random order, and the YAML must read the same every run). */
  public static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** Marks an object as suggested for this capability. */
  public void annotate(GenericKubernetesResource r) {
    Map<String, String> annotations = r.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(r.getMetadata().getAnnotations());
    annotations.put(SUGGESTED_FOR, capability);
    r.getMetadata().setAnnotations(annotations);
  }

  /** The object with the comment every suggested manifest carries: the capability, the level it unlocks, then {@code why}. */
  public FixManifest manifest(GenericKubernetesResource object, String... why) {
    List<String> comments = new ArrayList<>();
    comments.add(capability + ": unlocks level " + level + " (" + levelName + ") of " + model + " for " + target.namespace() + "/" + target.name()
        + (alsoBlocking.isEmpty() ? "" : ", together with " + String.join(", ", alsoBlocking)));
    comments.addAll(List.of(why));
    return new FixManifest(comments, object);
  }

  public String reference(GenericKubernetesResource r) {
    return ProbeContext.ref(r);
  }
}
