package dev.mlops.maturity.probe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

  /** {@code status.conditions[]} (the Kubernetes condition convention); empty when the object reports none. */
  public static List<Map<String, Object>> conditions(Object node) {
    return list(node, "status", "conditions").stream().filter(Map.class::isInstance).map(c -> (Map<String, Object>) cast(c)).toList();
  }

  /** The first condition of a type, when reported. */
  public static Optional<Map<String, Object>> condition(Object node, String type) {
    return conditions(node).stream().filter(c -> string(c, "type").map(type::equals).orElse(false)).findFirst();
  }

  /** Whether a condition of the type reports the status ("True", "False", "Unknown"; case-insensitive). */
  public static boolean hasCondition(Object node, String type, String status) {
    return conditions(node).stream()
        .anyMatch(c -> string(c, "type").map(type::equals).orElse(false) && string(c, "status").map(status::equalsIgnoreCase).orElse(false));
  }

  /** An RFC 3339 timestamp ("2026-11-22T10:00:00Z", Kubernetes metav1.Time); empty when absent or malformed. */
  public static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The timestamp at a path ("status", "lastScheduleTime"); empty when absent or malformed. */
  public static Optional<Instant> timestamp(Object node, String... path) {
    return string(node, path).flatMap(Fields::instant);
  }

  /** The object's labels, never null. */
  public static Map<String, String> labels(GenericKubernetesResource r) {
    return r == null || r.getMetadata() == null || r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
  }

  /** One label of the object, or null when it is not set. */
  public static String label(GenericKubernetesResource r, String key) {
    return labels(r).get(key);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
