package dev.mlops.maturity.fixes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;

/** One object to apply, with the comment lines that explain it (written above it in the YAML stream). */
public record FixManifest(List<String> comments, GenericKubernetesResource object) {
  public FixManifest {
    comments = List.copyOf(comments);
  }

  /** "monitoring.coreos.com/v1 ServiceMonitor churn/churn-predictor". */
  public String describe() {
    String ns = object.getMetadata().getNamespace();
    return object.getKind() + " " + (ns == null ? "" : ns + "/") + object.getMetadata().getName();
  }
}
