package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

/** The Prometheus-backed probe family: health monitoring, alerting, drift monitoring, platform GPU utilisation. */
public final class MonitoringProbes {
  private MonitoringProbes() {}

  public static List<Probe> all() {
    return List.of(new HealthMonitoringProbe(), new AlertingProbe(), new DriftMonitoringProbe(), new GpuUtilisationProbe());
  }
}
