package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

/** The delivery probes: GitOps delivery, who decides deployment, versioned configuration. */
public final class DeliveryProbes {
  private DeliveryProbes() {}

  public static List<Probe> all() {
    return List.of(new CicdDeploymentProbe(), new PipelineDecidesDeploymentProbe(), new CodeVersionedProbe());
  }
}
