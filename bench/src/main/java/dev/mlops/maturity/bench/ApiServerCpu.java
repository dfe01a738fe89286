package dev.mlops.maturity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the in-process API server's threads: the mock web server runs on Vert.x, whose event-loop and
 * worker threads are named {@code vert.x-*}. Subtracted from the bench JVM's CPU, it leaves the operator's
 * share (with the JVM's GC and JIT threads, which serve both, counted on the operator's side).
 */
final class ApiServerCpu {
  static final String THREAD_PREFIX = "vert.x-";

  private ApiServerCpu() {}

  /** Nanoseconds of CPU the live API server threads have used (a thread that ended is no longer counted). */
  static long nanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported()) {
      return 0;
    }
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(THREAD_PREFIX)) {
        long ns = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(0, ns);
      }
    }
    return total;
  }
}
