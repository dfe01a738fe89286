package dev.mlops.maturity.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * What a probe saw of a capability actually running: when its newest successful run finished and which
 * run that was, or that none succeeded, or that the runs could not be read. Failed runs never count.
 * Evidence without an Exercise comes from a probe (or provider) that keeps no run history.
 */
public record Exercise(Instant lastSucceeded, String run, String unreadable) {
  public Exercise {
    run = run == null ? "" : BoundedText.of(run, BoundedText.MESSAGE);
    unreadable = unreadable == null || unreadable.isBlank() ? null : BoundedText.of(unreadable, BoundedText.MESSAGE);
  }

  /** A successful run that finished at {@code when} (e.g. "argoproj.io/Workflow fraud/train-x7k2"). */
  public static Exercise at(Instant when, String run) {
    return new Exercise(Objects.requireNonNull(when, "when"), run, null);
  }

  /** The runs were read and none succeeded (or none exists). */
  public static Exercise never() {
    return new Exercise(null, "", null);
  }

  /** The runs could not be read (forbidden, failed): whether it ran is unknown. */
  public static Exercise unknown(String why) {
    return new Exercise(null, "", why == null || why.isBlank() ? "its runs could not be read" : why);
  }

  public boolean readable() {
    return unreadable == null;
  }

  /** The more recent of two observations; a known success beats an unreadable source, which beats "never". */
  public Exercise newest(Exercise other) {
    if (other == null) {
      return this;
    }
    if (lastSucceeded != null && other.lastSucceeded != null) {
      return other.lastSucceeded.isAfter(lastSucceeded) ? other : this;
    }
    if (lastSucceeded != null || other.lastSucceeded != null) {
      return lastSucceeded != null ? this : other;
    }
    return readable() ? other : this;
  }
}
