package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;

/** Where an evaluation is published besides the target's status (OpenReports Reports when enabled). */
public interface TargetReports {
  /** Reports off: nothing is written. */
  TargetReports NONE = new TargetReports() {
    @Override
    public void write(MaturityTarget target, Observation evaluation) {}

    @Override
    public void forget(MaturityTarget target) {}
  };

  /** Publishes the evaluation; never throws (a failed report write must not fail the reconcile). */
  void write(MaturityTarget target, Observation evaluation);

  /** The target is gone: drop what is remembered about it (its Report is garbage-collected with it). */
  void forget(MaturityTarget target);
}
