package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/** A traffic percentage read from YAML, where it may arrive as a number or as a string ("10", "12.5"). */
final class TrafficWeight {
  private TrafficWeight() {}

  static Optional<Double> at(Object node, String... path) {
    Optional<Object> value = node instanceof GenericKubernetesResource r ? Fields.at(r, path) : Fields.at(node, path);
    return value.flatMap(TrafficWeight::of);
  }

  /** A JSON number, or a string holding one; anything else is no weight. */
  static Optional<Double> of(Object value) {
    Double d = null;
    if (value instanceof Number n) {
      d = n.doubleValue();
    } else if (value instanceof String s) {
      try {
        d = Double.parseDouble(s.trim().endsWith("%") ? s.trim().substring(0, s.trim().length() - 1) : s.trim());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(d).filter(v -> !v.isNaN() && !v.isInfinite());
  }

  /** Strictly between 0 and 100: some, but not all, traffic. 0 and 100 are a finished or not-started shift. */
  static boolean partial(double percent) {
    return percent > 0 && percent < 100;
  }

  static boolean positive(Optional<Double> percent) {
    return percent.map(p -> p > 0).orElse(false);
  }

  /** 10 -> "10%", 12.5 -> "12.5%". */
  static String format(double percent) {
    return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
  }
}
