package dev.mlops.maturity.probe.pipeline;

/**
 * {@code performance-triggered-retraining} (PROBES.md b.11): the alert-driven chain with an alert
 * labelled {@code mlops.dev/trigger: performance}; the label is required, because a quality
 * metric's name cannot tell it from drift.
 */
public final class PerformanceTriggeredRetrainingProbe extends AlertTriggeredRetrainingProbe {
  public PerformanceTriggeredRetrainingProbe() {
    super("performance-triggered-retraining", "performance", false);
  }
}
