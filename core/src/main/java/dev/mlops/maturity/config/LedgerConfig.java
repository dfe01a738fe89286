package dev.mlops.maturity.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The promotion ledger's admin settings (key {@code ledger}): how many entries each MaturityLedger keeps, and the
 * optional CloudEvents sink (at most 100 entries, so a ledger stays far below the object size limit) every entry is sent to, with a bounded number of attempts. The sink URL is set here by
 * the platform admin only; a MaturityTarget cannot name one.
 */
public record LedgerConfig(int maxEntries, Optional<URI> sinkUrl, int maxAttempts, Duration retryDelay) {
  public static final LedgerConfig DEFAULTS = new LedgerConfig(50, Optional.empty(), 5, Duration.ofSeconds(2));

  static LedgerConfig parse(JsonNode node, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return DEFAULTS;
    }
    KnownKeys.check(node, "ledger", Set.of("maxEntries", "sink"), problems);
    int max = number(node.path("maxEntries"), "ledger.maxEntries", DEFAULTS.maxEntries(), 1, 100, problems);
    JsonNode sink = node.path("sink");
    KnownKeys.check(sink, "ledger.sink", Set.of("url", "maxAttempts", "retryDelay"), problems);
    Optional<URI> url = Optional.empty();
    if (sink.hasNonNull("url") && !sink.get("url").asText().isBlank()) {
      String text = sink.get("url").asText().trim();
      try {
        URI u = URI.create(text);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
          problems.add("ledger.sink.url must be an http or https URL, got '" + text + "'");
        } else {
          url = Optional.of(u);
        }
      } catch (IllegalArgumentException e) {
        problems.add("ledger.sink.url is not a URL: '" + text + "'");
      }
    }
    int attempts = number(sink.path("maxAttempts"), "ledger.sink.maxAttempts", DEFAULTS.maxAttempts(), 1, 20, problems);
    Duration delay = DEFAULTS.retryDelay();
    if (sink.hasNonNull("retryDelay")) {
      Duration d = OperatorConfigLoader.parseWindow(sink.get("retryDelay").asText());
      if (d == null || d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
        problems.add("ledger.sink.retryDelay '" + sink.get("retryDelay").asText() + "' is not a duration between 1s and 10m (e.g. 2s)");
      } else {
        delay = d;
      }
    }
    return new LedgerConfig(max, url, attempts, delay);
  }

  private static int number(JsonNode n, String path, int fallback, int min, int max, List<String> problems) {
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
      problems.add(path + " must be a whole number from " + min + " to " + max + ", got '" + n.asText() + "'");
      return fallback;
    }
    return n.asInt();
  }
}
