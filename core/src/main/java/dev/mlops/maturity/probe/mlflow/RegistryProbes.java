package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

/** The probes that read the MLflow model registry and tracking server. */
public final class RegistryProbes {
  private RegistryProbes() {}

  public static List<Probe> all() {
    return List.of(new RegisteredModelProbe(), new ModelVersioningProbe(), new ExperimentTrackingProbe(), new QualityGateProbe(),
        new DataVersioningProbe());
  }
}
