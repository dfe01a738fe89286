package dev.mlops.maturity.probe;

import java.time.Duration;

/** Scoring thresholds and the tenancy rules from the operator configuration. */
public record ProbeSettings(double gpuUtilisationPercent, Duration gpuUtilisationWindow, String championAlias, Tenancy tenancy) {
  public static final ProbeSettings DEFAULTS = new ProbeSettings(60.0, Duration.ofDays(7), "champion");

  public ProbeSettings {
    tenancy = tenancy == null ? Tenancy.DEFAULTS : tenancy;
  }

  /** Thresholds with the default tenancy rules. */
  public ProbeSettings(double gpuUtilisationPercent, Duration gpuUtilisationWindow, String championAlias) {
    this(gpuUtilisationPercent, gpuUtilisationWindow, championAlias, Tenancy.DEFAULTS);
  }

  public ProbeSettings withTenancy(Tenancy value) {
    return new ProbeSettings(gpuUtilisationPercent, gpuUtilisationWindow, championAlias, value);
  }

  /** The window in PromQL range syntax (7d, 24h, 30m). */
  public String promqlWindow() {
    Duration w = gpuUtilisationWindow;
    if (w.toDays() > 0 && w.equals(Duration.ofDays(w.toDays()))) {
      return w.toDays() + "d";
    }
    if (w.toHours() > 0 && w.equals(Duration.ofHours(w.toHours()))) {
      return w.toHours() + "h";
    }
    return Math.max(1, w.toMinutes()) + "m";
  }
}
