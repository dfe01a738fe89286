package dev.mlops.maturity.probe;

import java.time.Duration;

/**
 * Where the time of each probe run goes, by probe family (the probe's package: serving, pipeline, prometheus ...).
 * The operator records it as a histogram; the core stays free of any metrics library.
 */
@FunctionalInterface
public interface ProbeTimings {
  ProbeTimings NONE = (family, elapsed) -> { };

  void observe(String family, Duration elapsed);

  /** The family of a probe: the last segment of its package name. */
  static String familyOf(Probe probe) {
    String pkg = probe.getClass().getPackageName();
    return pkg.substring(pkg.lastIndexOf('.') + 1);
  }
}
