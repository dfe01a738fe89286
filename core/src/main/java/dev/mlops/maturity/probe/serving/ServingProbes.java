package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

/** The serving and rollout probes (PROBES.md b.18-b.20, b.23, b.28). */
public final class ServingProbes {
  private ServingProbes() {}

  public static List<Probe> all() {
    return List.of(
        new CanaryDeploymentProbe(),
        new ShadowDeploymentProbe(),
        new AbTestingProbe(),
        new SelfHealingRollbackProbe(),
        new MultiModelServingProbe());
  }
}
