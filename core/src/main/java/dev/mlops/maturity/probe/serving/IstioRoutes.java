package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTTP routes of an Istio {@code VirtualService} (networking.istio.io, PROBES.md b.18-b.20). */
record IstioRoutes(GenericKubernetesResource virtualService) {

  /**
   * HTTP routes that send real traffic to two or more distinct destinations (each weight > 0), e.g.
   * "http[0] 90% fraud-detector/v1, 10% fraud-detector/v2". A 100/0 split sends traffic to one only.
   */
  List<String> weightedSplits() {
    List<String> splits = new ArrayList<>();
    List<Object> http = Fields.list(virtualService, "spec", "http");
    for (int i = 0; i < http.size(); i++) {
      Map<String, Double> weights = new LinkedHashMap<>();
      for (Object route : Fields.list(http.get(i), "route")) {
        // Istio gives a lone destination all traffic; with several, a missing weight is 0.
        double w = TrafficWeight.at(route, "weight").orElse(0.0);
        if (w > 0) {
          weights.merge(destination(Fields.map(route, "destination").orElse(Map.of())), w, Double::sum);
        }
      }
      if (weights.size() >= 2) {
        List<String> parts = new ArrayList<>();
        weights.forEach((d, w) -> parts.add(TrafficWeight.format(w) + " " + d));
        splits.add(routeName(http.get(i), i) + " " + String.join(", ", parts));
      }
    }
    return splits;
  }

  /**
   * HTTP routes that mirror traffic to a shadow destination: {@code mirror} (+ {@code mirrorPercentage.value},
   * or the older {@code mirrorPercent}) and the newer {@code mirrors[]}. A mirror percentage of 0 mirrors nothing.
   */
  List<String> mirrors() {
    List<String> mirrors = new ArrayList<>();
    List<Object> http = Fields.list(virtualService, "spec", "http");
    for (int i = 0; i < http.size(); i++) {
      Object route = http.get(i);
      Optional<Map<String, Object>> mirror = Fields.map(route, "mirror").filter(m -> Fields.string(m, "host").isPresent());
      if (mirror.isPresent()) {
        double percent = TrafficWeight.at(route, "mirrorPercentage", "value")
            .or(() -> TrafficWeight.at(route, "mirrorPercent")).orElse(100.0);
        if (percent > 0) {
          mirrors.add(routeName(route, i) + " mirrors " + TrafficWeight.format(percent) + " to " + destination(mirror.get()));
        }
      }
      for (Object m : Fields.list(route, "mirrors")) {
        Optional<Map<String, Object>> dest = Fields.map(m, "destination").filter(d -> Fields.string(d, "host").isPresent());
        double percent = TrafficWeight.at(m, "percentage", "value").orElse(100.0);
        if (dest.isPresent() && percent > 0) {
          mirrors.add(routeName(route, i) + " mirrors " + TrafficWeight.format(percent) + " to " + destination(dest.get()));
        }
      }
    }
    return mirrors;
  }

  private static String routeName(Object route, int index) {
    return Fields.string(route, "name").map(n -> "http[" + n + "]").orElse("http[" + index + "]");
  }

  private static String destination(Map<String, Object> d) {
    String host = Fields.string(d, "host").orElse("?");
    return Fields.string(d, "subset").map(s -> host + "/" + s).orElse(host);
  }
}
