package dev.mlops.maturity.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo objects' status (examples/demo/status): what their controllers would have written. The manifests stay
 * what a real API server accepts; each entry names its object by apiVersion, kind, namespace and name.
 */
public final class DemoStatus {
  static final String DIRECTORY = "status";

  private DemoStatus() {}

  /** apiVersion/kind/namespace/name, the key an entry and its object share. */
  public static String key(HasMetadata o) {
    String namespace = o.getMetadata() == null || o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
    String name = o.getMetadata() == null ? null : o.getMetadata().getName();
    return o.getApiVersion() + "/" + o.getKind() + "/" + namespace + "/" + name;
  }

  /** Puts each entry's status on its object; an entry without an object or without a status is an error naming it. */
  static void attach(List<GenericKubernetesResource> objects, List<GenericKubernetesResource> entries) throws IOException {
    Map<String, GenericKubernetesResource> byKey = new LinkedHashMap<>();
    objects.forEach(o -> byKey.put(key(o), o));
    for (GenericKubernetesResource entry : entries) {
      GenericKubernetesResource object = byKey.get(key(entry));
      Object status = entry.getAdditionalProperties().get("status");
      if (object == null) {
        throw new IOException("the status entry " + key(entry) + " matches no object of the demo cluster");
      }
      if (status == null) {
        throw new IOException("the status entry " + key(entry) + " has no status");
      }
      object.getAdditionalProperties().put("status", status);
    }
  }
}
