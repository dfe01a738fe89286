package dev.mlops.maturity.probe.platform;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;

/** Kubernetes resource quantities as they arrive in generic objects: "8", 8, "500m", "1k". */
final class Quantities {
  private Quantities() {}

  /** The numeric amount, or empty for a missing or unparsable value. */
  static Optional<BigDecimal> amount(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Quantity.getAmountInBytes(new Quantity(text)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static boolean positive(Object value) {
    return amount(value).map(a -> a.signum() > 0).orElse(false);
  }
}
