package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a Gateway API {@code HTTPRoute} (gateway.networking.k8s.io/v1, PROBES.md e): weighted
 * {@code backendRefs} and the {@code RequestMirror} filter (GEP-3171 {@code percent} / {@code fraction}).
 */
record GatewayRoutes(GenericKubernetesResource route) {

  /**
   * Rules that send real traffic to two or more backends, e.g. "rules[0] 90% foo-v1, 10% foo-v2". A
   * backendRef's weight defaults to 1 (two unweighted backends split 50/50); weight 0 sends nothing, so a
   * 100/0 rule is no split.
   */
  List<String> weightedSplits() {
    List<String> splits = new ArrayList<>();
    List<Object> rules = Fields.list(route, "spec", "rules");
    for (int i = 0; i < rules.size(); i++) {
      Map<String, Double> weights = new LinkedHashMap<>();
      for (Object ref : Fields.list(rules.get(i), "backendRefs")) {
        double w = weight(ref);
        if (w > 0 && Fields.string(ref, "name").isPresent()) {
          weights.merge(backend(ref), w, Double::sum);
        }
      }
      if (weights.size() >= 2) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> parts = new ArrayList<>();
        weights.forEach((b, w) -> parts.add(TrafficWeight.format(Math.round(1000 * w / total) / 10.0) + " " + b));
        splits.add(ruleName(rules.get(i), i) + " " + String.join(", ", parts));
      }
    }
    return splits;
  }

  /**
   * {@code RequestMirror} filters on a rule or on one of its backendRefs that mirror a non-zero share, e.g.
   * "rules[0] mirrors 20% to infra-backend-v2". {@code fraction.denominator} defaults to 100; with neither
   * percent nor fraction every request is mirrored.
   */
  List<String> mirrors() {
    return mirrorFilters(true);
  }

  /** {@code RequestMirror} filters that mirror nothing ({@code percent: 0} or a zero fraction), for a Missing note. */
  List<String> idleMirrors() {
    return mirrorFilters(false);
  }

  private List<String> mirrorFilters(boolean active) {
    List<String> mirrors = new ArrayList<>();
    List<Object> rules = Fields.list(route, "spec", "rules");
    for (int i = 0; i < rules.size(); i++) {
      List<Object> filters = new ArrayList<>(Fields.list(rules.get(i), "filters"));
      Fields.list(rules.get(i), "backendRefs").forEach(ref -> filters.addAll(Fields.list(ref, "filters")));
      for (Object filter : filters) {
        if (!"RequestMirror".equals(Fields.string(filter, "type").orElse(null))) {
          continue;
        }
        Optional<Map<String, Object>> mirror = Fields.map(filter, "requestMirror");
        Optional<Map<String, Object>> target = mirror.flatMap(m -> Fields.map(m, "backendRef")).filter(b -> b.get("name") != null);
        double percent = mirror.map(GatewayRoutes::mirroredPercent).orElse(0.0);
        if (target.isPresent() && (percent > 0) == active) {
          mirrors.add(ruleName(rules.get(i), i) + " mirrors " + TrafficWeight.format(percent) + " to " + backend(target.get()));
        }
      }
    }
    return mirrors;
  }

  /** Names of the Services the rules send traffic to (weight > 0, core Service kind), for binding the route to a workload. */
  Set<String> backendServices() {
    Set<String> names = new LinkedHashSet<>();
    for (Object rule : Fields.list(route, "spec", "rules")) {
      for (Object ref : Fields.list(rule, "backendRefs")) {
        boolean service = Fields.string(ref, "kind").map("Service"::equals).orElse(true)
            && Fields.string(ref, "group").map(String::isEmpty).orElse(true);
        boolean sameNamespace = Fields.string(ref, "namespace").map(ns -> ns.equals(route.getMetadata().getNamespace())).orElse(true);
        if (service && sameNamespace && weight(ref) > 0) {
          Fields.string(ref, "name").ifPresent(names::add);
        }
      }
    }
    return names;
  }

  // The API default is 1; a weight that is present but not a number (never admitted by the CRD) counts as none.
  private static double weight(Object ref) {
    return Fields.at(ref, "weight").isPresent() ? TrafficWeight.at(ref, "weight").orElse(0.0) : 1.0;
  }

  private static double mirroredPercent(Map<String, Object> mirror) {
    Optional<Double> percent = TrafficWeight.at(mirror, "percent");
    if (percent.isPresent()) {
      return percent.get();
    }
    Optional<Double> numerator = TrafficWeight.at(mirror, "fraction", "numerator");
    if (numerator.isPresent()) {
      double denominator = TrafficWeight.at(mirror, "fraction", "denominator").orElse(100.0);
      return denominator > 0 ? Math.round(1000 * numerator.get() / denominator) / 10.0 : 0;
    }
    return 100;
  }

  private static String ruleName(Object rule, int index) {
    return Fields.string(rule, "name").map(n -> "rules[" + n + "]").orElse("rules[" + index + "]");
  }

  private static String backend(Object ref) {
    String name = Fields.string(ref, "name").orElse("?");
    return Fields.string(ref, "namespace").map(ns -> ns + "/" + name).orElse(name);
  }
}
