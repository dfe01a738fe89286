package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads of an Argo CD {@code Application} (argoproj.io/v1alpha1), PROBES.md b.13. */
public final class ArgoCdApplications {
  public static final String TRACKING_ID = "argocd.argoproj.io/tracking-id";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  private ArgoCdApplications() {}

  /** The sync mode of an Application's {@code spec.syncPolicy.automated}. */
  public enum SyncMode {
    /** {@code automated} present with {@code enabled} true or null (Argo CD: null counts as enabled). */
    AUTOMATED,
    /** {@code automated} present with {@code enabled: false}. */
    AUTOMATED_DISABLED,
    /** no {@code automated} block: every sync is started by hand. */
    MANUAL
  }

  public static SyncMode syncMode(GenericKubernetesResource app) {
    Optional<Map<String, Object>> automated = Fields.map(app, "spec", "syncPolicy", "automated");
    if (automated.isEmpty()) {
      return SyncMode.MANUAL;
    }
    Object enabled = automated.get().get("enabled");
    boolean disabled = enabled instanceof Boolean b ? !b : enabled != null && "false".equalsIgnoreCase(String.valueOf(enabled));
    return disabled ? SyncMode.AUTOMATED_DISABLED : SyncMode.AUTOMATED;
  }

  /** {@code status.resources[]} names this object ({@code kind}, {@code namespace}, {@code name}, and {@code group} when given). */
  public static boolean listsResource(GenericKubernetesResource app, GenericKubernetesResource object) {
    String group = groupOf(object);
    for (Object entry : Fields.list(app, "status", "resources")) {
      boolean same = Objects.equals(object.getKind(), Fields.string(entry, "kind").orElse(null))
          && Objects.equals(object.getMetadata().getName(), Fields.string(entry, "name").orElse(null))
          && Objects.equals(object.getMetadata().getNamespace(), Fields.string(entry, "namespace").orElse(null));
      String entryGroup = Fields.string(entry, "group").orElse("");
      if (same && (entryGroup.isEmpty() || entryGroup.equals(group))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The object carries this Application's tracking: the annotation {@code <app>:<group>/<Kind>:<ns>/<name>}
   * (default since Argo CD 3.0; apps outside the control-plane namespace are named {@code <appNamespace>_<app>}),
   * or the legacy label {@code app.kubernetes.io/instance=<app>} when the Application deploys into the object's namespace.
   */
  public static Optional<String> tracking(GenericKubernetesResource app, GenericKubernetesResource object) {
    String name = app.getMetadata().getName();
    String ns = app.getMetadata().getNamespace();
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String trackingId = annotations == null ? null : annotations.get(TRACKING_ID);
    if (trackingId != null && (trackingId.startsWith(name + ":") || (ns != null && trackingId.startsWith(ns + "_" + name + ":")))) {
      return Optional.of("annotation " + TRACKING_ID);
    }
    Map<String, String> labels = object.getMetadata().getLabels();
    boolean destinationMatches = Objects.equals(object.getMetadata().getNamespace(), Fields.string(app, "spec", "destination", "namespace").orElse(null));
    if (destinationMatches && labels != null && name.equals(labels.get(INSTANCE_LABEL))) {
      return Optional.of("label " + INSTANCE_LABEL);
    }
    return Optional.empty();
  }

  /** The newest {@code status.history[]} entry (Argo CD appends; the last one is the current deploy). */
  public static Optional<Object> lastDeploy(GenericKubernetesResource app) {
    List<Object> history = Fields.list(app, "status", "history");
    return history.isEmpty() ? Optional.empty() : Optional.ofNullable(history.get(history.size() - 1));
  }

  /** The repositories the Application renders from: {@code spec.source.repoURL} and {@code spec.sources[].repoURL}. */
  public static List<String> repositories(GenericKubernetesResource app) {
    List<String> repos = new ArrayList<>();
    Fields.string(app, "spec", "source", "repoURL").filter(s -> !s.isBlank()).ifPresent(repos::add);
    for (Object source : Fields.list(app, "spec", "sources")) {
      Fields.string(source, "repoURL").filter(s -> !s.isBlank()).ifPresent(repos::add);
    }
    return repos;
  }

  static String groupOf(GenericKubernetesResource object) {
    String apiVersion = object.getApiVersion() == null ? "" : object.getApiVersion();
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }
}
