package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a workload's serving objects say about the Argo CD Applications that could deliver them: the
 * namespaces they live in and the application names their tracking annotation or instance label carry.
 * An Application that matches neither cannot pass {@link ArgoCdApplications#listsResource} nor
 * {@link ArgoCdApplications#tracking}, so it is skipped without comparing it with every object.
 */
final class ArgoCdCandidates {
  private final Set<String> namespaces = new HashSet<>();
  private final Set<String> appNames = new HashSet<>();

  static ArgoCdCandidates of(Iterable<GenericKubernetesResource> serving) {
    ArgoCdCandidates c = new ArgoCdCandidates();
    for (GenericKubernetesResource object : serving) {
      c.namespaces.add(String.valueOf(object.getMetadata().getNamespace()));
      Map<String, String> annotations = object.getMetadata().getAnnotations();
      String trackingId = annotations == null ? null : annotations.get(ArgoCdApplications.TRACKING_ID);
      if (trackingId != null && trackingId.indexOf(':') > 0) {
        String app = trackingId.substring(0, trackingId.indexOf(':'));
        c.appNames.add(app);
        c.appNames.add(app.substring(app.indexOf('_') + 1)); // <appNamespace>_<app>
      }
      Map<String, String> labels = object.getMetadata().getLabels();
      if (labels != null && labels.get(ArgoCdApplications.INSTANCE_LABEL) != null) {
        c.appNames.add(labels.get(ArgoCdApplications.INSTANCE_LABEL));
      }
    }
    return c;
  }

  /** False only when the Application can deliver none of the objects. */
  boolean mayDeliver(GenericKubernetesResource app) {
    if (appNames.contains(app.getMetadata().getName())) {
      return true;
    }
    for (Object entry : Fields.list(app, "status", "resources")) {
      if (namespaces.contains(String.valueOf(Fields.string(entry, "namespace").orElse(null)))) {
        return true;
      }
    }
    return false;
  }
}
