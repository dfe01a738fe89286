package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

public final class GovernanceProbes {
  private GovernanceProbes() {}

  public static List<Probe> all() {
    return List.of();
  }
}
