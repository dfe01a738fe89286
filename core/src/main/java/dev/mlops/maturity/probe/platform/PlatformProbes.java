package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

/** The platform-capacity probes (evaluated once per cluster): GPU scheduling, spot capacity, right-sizing. */
public final class PlatformProbes {
  private PlatformProbes() {}

  public static List<Probe> all() {
    return List.of(new GpuSchedulingProbe(), new SpotCapacityProbe(), new RightSizingProbe());
  }
}
