package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Evidence;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one probe on a bounded pool of daemon threads under a deadline and a Throwable guard, so a
 * probe that overflows its stack, loops or waits too long costs only its own capability (issue 19).
 */
final class ProbeRunner {
  private final ThreadPoolExecutor pool;

  ProbeRunner(int maxThreads) {
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "probe-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  Evidence run(Probe probe, ProbeContext context, Duration deadline) {
    Future<Evidence> future;
    try {
      future = pool.submit(() -> guarded(probe, context));
    } catch (RejectedExecutionException e) {
      // every probe thread is taken by overrunning probes: run here, still guarded
      return guarded(probe, context);
    }
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return Evidence.unknown(probe.capability(), "probe did not finish within " + deadline.toSeconds() + "s");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return Evidence.unknown(probe.capability(), "probe interrupted");
    } catch (ExecutionException e) {
      return Evidence.unknown(probe.capability(), "probe failed: " + e.getCause().getClass().getSimpleName());
    }
  }

  static Evidence guarded(Probe probe, ProbeContext context) {
    try {
      Evidence e = probe.evaluate(context);
      return e == null ? Evidence.unknown(probe.capability(), "probe returned no evidence") : e.withCapability(probe.capability());
    } catch (Throwable e) { // NOPMD: an Error in one probe must not take the reconcile thread with it
      return Evidence.unknown(probe.capability(), "probe failed: " + e.getClass().getSimpleName());
    }
  }
}
