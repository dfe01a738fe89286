package dev.mlops.maturity.evaluation;

import java.time.Duration;
import java.util.Optional;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** Parses Go-style durations such as 30s, 5m, 1h30m (the spec's evaluationInterval). */
public final class EvaluationInterval {
  public static final Duration MINIMUM = Duration.ofSeconds(30);
  public static final Duration DEFAULT = Duration.ofMinutes(5);
  private static final Pattern WHOLE = Pattern.compile("^([0-9]+(ms|s|m|h))+$");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private EvaluationInterval() {}

  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (n > 1_000_000) {
        return Optional.empty();
      }
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return Optional.of(total);
  }

  /** The interval to use: the parsed value, at least the minimum; the default when absent or invalid. */
  public static Duration effective(String text) {
    return parse(text).map(d -> d.compareTo(MINIMUM) < 0 ? MINIMUM : d).orElse(DEFAULT);
  }
}
