package dev.mlops.maturity.evaluation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses a waiver's expiry date (YYYY-MM-DD, inclusive). */
final class WaiverExpiry {
  private WaiverExpiry() {}

  static Optional<LocalDate> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
