package dev.mlops.maturity.model;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A requirement's {@code exercisedWithin}: a Go-style duration as in evaluationInterval (30m, 36h, 1h30m)
 * that may also count days (14d, 1d12h), since run windows are usually days. Positive and at most
 * {@link #MAXIMUM}.
 */
public final class ExerciseWindow {
  public static final Duration MAXIMUM = Duration.ofDays(3660);
  /** The capabilities whose probes record when they last ran successfully (Evidence.exercise); no other may carry a window. */
  public static final Set<String> RECORDED = Set.of("training-pipeline", "scheduled-retraining", "canary-deployment", "model-versioning", "drift-monitoring",
      "drift-triggered-retraining", "performance-triggered-retraining");
  private static final Pattern WHOLE = Pattern.compile("^([0-9]+(d|h|m|s))+$");
  private static final Pattern PART = Pattern.compile("([0-9]+)(d|h|m|s)");

  private ExerciseWindow() {}

  /** The window, or empty when the text is not a duration, is zero or is longer than {@link #MAXIMUM}. */
  public static Optional<Duration> parse(String text) {
    if (text == null || !WHOLE.matcher(text.trim()).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text.trim());
    while (m.find()) {
      if (m.group(1).length() > 7) {
        return Optional.empty();
      }
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
    }
    return total.isZero() || total.compareTo(MAXIMUM) > 0 ? Optional.empty() : Optional.of(total);
  }

  /** 14d, 36h, 1d12h, 90m: the shortest form that reads back to the same duration. */
  public static String format(Duration window) {
    StringBuilder out = new StringBuilder();
    long seconds = window.getSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds >= sizes[i]) {
        out.append(seconds / sizes[i]).append(units[i]);
        seconds %= sizes[i];
      }
    }
    return out.length() == 0 ? "0s" : out.toString();
  }
}
