package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

public final class PlatformProbes {
  private PlatformProbes() {}

  public static List<Probe> all() {
    return List.of();
  }
}
