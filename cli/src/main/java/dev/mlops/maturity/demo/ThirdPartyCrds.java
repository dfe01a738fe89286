package dev.mlops.maturity.demo;

import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal CRDs (schema: preserve unknown fields) for third-party kinds, so the demo's in-process API
 * server serves them through discovery exactly as a cluster with Argo, KServe, Feast ... installed would.
 */
public final class ThirdPartyCrds {
  private ThirdPartyCrds() {}

  public static List<CustomResourceDefinition> forKinds(Collection<ResourceKind> kinds) {
    Map<String, CustomResourceDefinition> byName = new LinkedHashMap<>();
    for (ResourceKind k : kinds) {
      if (k.builtIn() || k.group().equals(dev.mlops.maturity.api.v1alpha1.MaturityTarget.GROUP)) {
        continue; // our own CRDs come from crds/, with their real schema
      }
      byName.putIfAbsent(k.plural() + "." + k.group(), crd(k));
    }
    return List.copyOf(byName.values());
  }

  public static CustomResourceDefinition crd(ResourceKind k) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(k.plural() + "." + k.group()).endMetadata()
        .withNewSpec()
          .withGroup(k.group())
          .withScope(k.namespaced() ? "Namespaced" : "Cluster")
          .withNewNames().withKind(k.kind()).withPlural(k.plural()).withSingular(k.kind().toLowerCase()).endNames()
          .addNewVersion()
            .withName(k.version()).withServed(true).withStorage(true)
            .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
            .endOpenAPIV3Schema().endSchema()
            .withNewSubresources().withNewStatus().endStatus().endSubresources()
          .endVersion()
        .endSpec()
        .build();
  }
}
