package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Exercise;
import dev.mlops.maturity.evidence.UnknownReason;
import dev.mlops.maturity.model.ExerciseWindow;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies the model's {@code exercisedWithin} windows to observed evidence, before waivers and
 * notApplicable entries: a Satisfied capability whose newest successful run is older than its window
 * (or that never ran) becomes Missing, "configured, not exercised since ..."; one whose runs could not be
 * read becomes Unknown. Missing and Unknown verdicts are left as they are, as is every capability
 * without a window.
 */
public final class ExercisedWindow {
  private ExercisedWindow() {}

  public static Map<String, Evidence> apply(MaturityModelDefinition model, Map<String, Evidence> observed, Instant now) {
    Map<String, Duration> windows = model.exerciseWindows();
    if (windows.isEmpty()) {
      return observed;
    }
    Map<String, Evidence> out = new LinkedHashMap<>(observed);
    windows.forEach((id, window) -> {
      Evidence e = observed.get(id);
      if (e != null && e.state() == CapabilityState.Satisfied) {
        out.put(id, judge(e, window, now));
      }
    });
    return out;
  }

  static Evidence judge(Evidence e, Duration window, Instant now) {
    String within = "exercisedWithin " + ExerciseWindow.format(window);
    Exercise seen = e.exercise() == null ? Exercise.never() : e.exercise();
    Instant last = seen.lastSucceeded();
    if (last == null && !seen.readable()) {
      return new Evidence(e.capability(), CapabilityState.Unknown, e.source(), e.references(),
          "configured, but whether it ran successfully (" + within + ") cannot be read: " + seen.unreadable() + "; " + e.message(),
          UnknownReason.Failed, seen);
    }
    if (last == null) {
      return new Evidence(e.capability(), CapabilityState.Missing, e.source(), e.references(),
          "configured, never exercised (" + within + ": no successful run seen): " + e.message(), null, seen);
    }
    String when = last.truncatedTo(ChronoUnit.SECONDS).toString();
    String run = seen.run().isEmpty() ? "" : " by " + seen.run();
    if (last.isBefore(now.minus(window))) {
      return new Evidence(e.capability(), CapabilityState.Missing, e.source(), e.references(),
          "configured, not exercised since " + when + run + " (" + within + "): " + e.message(), null, seen);
    }
    return e.withMessage(e.message() + "; exercised " + when + run + " (" + within + ")");
  }
}
