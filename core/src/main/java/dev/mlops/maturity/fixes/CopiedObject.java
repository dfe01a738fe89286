package dev.mlops.maturity.fixes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;

/** A live object turned into an apply-able manifest: identity, labels, annotations and spec; no status or server fields. */
final class CopiedObject {
  private CopiedObject() {}

  static GenericKubernetesResource of(GenericKubernetesResource live) {
    GenericKubernetesResource copy = Serialization.clone(live);
    copy.getAdditionalProperties().remove("status");
    var m = live.getMetadata();
    copy.setMetadata(new ObjectMetaBuilder().withName(m.getName()).withNamespace(m.getNamespace())
        .withLabels(m.getLabels() == null ? null : new LinkedHashMap<>(m.getLabels()))
        .withAnnotations(m.getAnnotations() == null ? null : new LinkedHashMap<>(m.getAnnotations())).build());
    if (copy.getMetadata().getAnnotations() != null) {
      copy.getMetadata().getAnnotations().remove("kubectl.kubernetes.io/last-applied-configuration");
    }
    return copy;
  }
}
