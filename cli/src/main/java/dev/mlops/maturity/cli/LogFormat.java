package dev.mlops.maturity.cli;

import java.util.Locale;
import java.util.Optional;

/** How log lines look: text for people, JSON lines for log collectors (Loki, Elasticsearch, Cloud Logging). */
public enum LogFormat {
  TEXT,
  JSON;

  /** The format named {@code value} (text or json, any case); empty for anything else. */
  public static Optional<LogFormat> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "text" -> Optional.of(TEXT);
      case "json" -> Optional.of(JSON);
      default -> Optional.empty();
    };
  }
}
