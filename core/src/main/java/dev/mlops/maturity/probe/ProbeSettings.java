package dev.mlops.maturity.probe;

import java.time.Duration;

/** Scoring thresholds and the tenancy rules from the operator configuration. */
public record ProbeSettings(double gpuUtilisationPercent, Duration gpuUtilisationWindow, String championAlias, Tenancy tenancy) {
  /** Code defaults (embedded use, tests): one team, no ownership check; a configuration file always gets {@link Tenancy#DEFAULTS}. */
  public static final ProbeSettings DEFAULTS = new ProbeSettings(60.0, Duration.ofDays(7), "champion", Tenancy.SINGLE_TEAM);

  public ProbeSettings {
    tenancy = tenancy == null ? Tenancy.DEFAULTS : tenancy;
  }

  /** Thresholds without an ownership check (code defaults; the configuration loader always passes its tenancy). */
  public ProbeSettings(double gpuUtilisationPercent, Duration gpuUtilisationWindow, String championAlias) {
    this(gpuUtilisationPercent, gpuUtilisationWindow, championAlias, Tenancy.SINGLE_TEAM);
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
