package dev.mlops.maturity.fixes;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The workload's serving controller (a bound Deployment, else StatefulSet): pod labels and container ports. */
record ServingWorkload(GenericKubernetesResource controller) {
  /** A named container port; {@code name} may be null. */
  record Port(String name, int number) {}

  /** The first bound Deployment, else the first bound StatefulSet, in name order. */
  static Optional<ServingWorkload> find(FixContext ctx) {
    for (Listing l : List.of(ctx.bound(KindCatalogue.DEPLOYMENT), ctx.bound(KindCatalogue.STATEFUL_SET))) {
      Optional<GenericKubernetesResource> first = l.items().stream()
          .min(java.util.Comparator.comparing((GenericKubernetesResource r) -> r.getMetadata().getName()));
      if (first.isPresent()) {
        return first.map(ServingWorkload::new);
      }
    }
    return Optional.empty();
  }

  String name() {
    return controller.getMetadata().getName();
  }

  String kind() {
    return controller.getKind();
  }

  String apiVersion() {
    return controller.getApiVersion();
  }

  Map<String, String> podLabels() {
    return strings(Fields.map(controller, "spec", "template", "metadata", "labels").orElse(Map.of()));
  }

  /** {@code spec.selector.matchLabels}: labels every pod of the controller carries. */
  Map<String, String> podSelector() {
    Map<String, String> selector = strings(Fields.map(controller, "spec", "selector", "matchLabels").orElse(Map.of()));
    return selector.isEmpty() ? podLabels() : selector;
  }

  List<Port> ports() {
    List<Port> ports = new ArrayList<>();
    for (Object c : Fields.list(controller, "spec", "template", "spec", "containers")) {
      for (Object p : Fields.list(c, "ports")) {
        Optional<Double> number = Fields.number(p, "containerPort");
        number.ifPresent(n -> ports.add(new Port(Fields.string(p, "name").orElse(null), n.intValue())));
      }
    }
    return ports;
  }

  /** The port that most likely serves metrics: one whose name says "metric", else the first named one, else the first. */
  Optional<Port> metricsPort() {
    List<Port> ports = ports();
    return ports.stream().filter(p -> p.name() != null && p.name().toLowerCase(Locale.ROOT).contains("metric")).findFirst()
        .or(() -> ports.stream().filter(p -> p.name() != null).findFirst())
        .or(() -> ports.stream().findFirst());
  }

  static Map<String, String> strings(Map<String, Object> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
