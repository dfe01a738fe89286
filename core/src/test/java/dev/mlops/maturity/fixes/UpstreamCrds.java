package dev.mlops.maturity.fixes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The vendored upstream CRDs of the third-party kinds that fixes emit (test resources crds/upstream/, each names its source). */
public final class UpstreamCrds {
  static final List<String> FILES = List.of("monitoring.coreos.com_servicemonitors.yaml", "monitoring.coreos.com_prometheusrules.yaml",
      "argoproj.io_sensors.yaml", "argoproj.io_eventsources.yaml", "argoproj.io_cronworkflows.yaml",
      "autoscaling.k8s.io_verticalpodautoscalers.yaml");
  private static final Map<String, StructuralSchema> BY_KIND = new LinkedHashMap<>();

  private UpstreamCrds() {}

  /** The schema of a kind ("ServiceMonitor"), if vendored. */
  public static synchronized Optional<StructuralSchema> of(String kind) {
    if (BY_KIND.isEmpty()) {
      for (String f : FILES) {
        try {
          StructuralSchema s = StructuralSchema.load("/crds/upstream/" + f);
          BY_KIND.put(s.kind(), s);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return Optional.ofNullable(BY_KIND.get(kind));
  }
}
