package dev.mlops.maturity.probe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed, null-safe reads of nested fields of a generic object (third-party shapes vary by version). */
public final class Fields {
  private Fields() {}

  /** The value at a path of map keys below the object's top level ("spec", "strategy", "canary"). */
  public static Optional<Object> at(GenericKubernetesResource r, String... path) {
    if (r == null || path.length == 0) {
      return Optional.empty();
    }
    Object cur = r.getAdditionalProperties().get(path[0]);
    for (int i = 1; i < path.length && cur != null; i++) {
      cur = cur instanceof Map<?, ?> m ? m.get(path[i]) : null;
    }
    return Optional.ofNullable(cur);
  }

  public static Optional<Object> at(Object node, String... path) {
    Object cur = node;
    for (int i = 0; i < path.length && cur != null; i++) {
      cur = cur instanceof Map<?, ?> m ? m.get(path[i]) : null;
    }
    return Optional.ofNullable(cur);
  }

  public static Optional<String> string(Object node, String... path) {
    return (node instanceof GenericKubernetesResource g ? at(g, path) : at(node, path))
        .filter(v -> v instanceof String || v instanceof Number || v instanceof Boolean).map(String::valueOf);
  }

  public static Optional<Map<String, Object>> map(Object node, String... path) {
    return (node instanceof GenericKubernetesResource g ? at(g, path) : at(node, path))
        .filter(Map.class::isInstance).map(m -> cast(m));
  }

  public static List<Object> list(Object node, String... path) {
    return (node instanceof GenericKubernetesResource g ? at(g, path) : at(node, path))
        .filter(List.class::isInstance).map(l -> (List<Object>) cast(l)).orElse(List.of());
  }

  /** true only for a JSON true or the string "true". */
  public static boolean isTrue(Object node, String... path) {
    return string(node, path).map("true"::equalsIgnoreCase).orElse(false);
  }

  public static Optional<Double> number(Object node, String... path) {
    return string(node, path).flatMap(s -> {
      try {
        return Optional.of(Double.parseDouble(s.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
