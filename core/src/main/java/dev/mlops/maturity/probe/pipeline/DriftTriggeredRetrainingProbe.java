package dev.mlops.maturity.probe.pipeline;

/**
 * {@code drift-triggered-retraining} (PROBES.md b.10): the alert-driven chain with a drift alert
 * (label {@code mlops.dev/trigger: drift}, or an unlabelled alert whose expression mentions drift).
 */
public final class DriftTriggeredRetrainingProbe extends AlertTriggeredRetrainingProbe {
  public DriftTriggeredRetrainingProbe() {
    super("drift-triggered-retraining", "drift", true);
  }
}
