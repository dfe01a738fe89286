package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

/** The training-side probes: orchestrator, pipeline, schedules, alert-driven retraining, who can retrain. */
public final class PipelineProbes {
  private PipelineProbes() {}

  public static List<Probe> all() {
    return List.of(
        new OrchestratorProbe(),
        new TrainingPipelineProbe(),
        new ScheduledRetrainingProbe(),
        new DriftTriggeredRetrainingProbe(),
        new PerformanceTriggeredRetrainingProbe(),
        new RetrainByOthersProbe());
  }
}
