package dev.mlops.maturity.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the bench JVM's CPU went since the window opened: the in-process API server's threads ({@link ApiServerCpu})
 * and the rest (the operator, the bench's watchers, JIT and GC). Says whether a phase was bound by the server.
 */
final class CpuWindow {
  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long wallStart = System.nanoTime();
  private final long jvmStart = os.getProcessCpuTime();
  private final long serverStart = ApiServerCpu.nanos();

  private CpuWindow() {}

  static CpuWindow open() {
    return new CpuWindow();
  }

  /** CPU seconds since the window opened: the JVM's, the API server threads', the rest; and the server's share of the wall time. */
  Map<String, Object> split() {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double jvm = (os.getProcessCpuTime() - jvmStart) / 1e9;
    double server = (ApiServerCpu.nanos() - serverStart) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("wallSeconds", wall);
    out.put("jvmCpuSeconds", jvm);
    out.put("apiServerCpuSeconds", server);
    out.put("otherCpuSeconds", Math.max(0, jvm - server));
    out.put("apiServerBusy", wall > 0 ? server / wall : Double.NaN);
    return out;
  }
}
