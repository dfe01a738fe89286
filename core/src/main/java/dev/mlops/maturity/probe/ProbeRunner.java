package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Evidence;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the probes of one evaluation on a bounded pool of daemon threads, each under a deadline and a
 * Throwable guard, so a probe that overflows its stack, loops or waits too long costs only its own
 * capability (issue 19). The probes of one call run one after another on one pooled thread: a thread
 * hand-off per probe made every reconcile wait for the scheduler 29 times, which on two busy cores
 * doubled the time to converge. When a probe overruns, its thread is abandoned (interrupted) and the
 * remaining probes continue on a fresh one.
 */
final class ProbeRunner {
  /** One probe to run with its context. */
  record Job(Probe probe, ProbeContext context) {}

  /** Told how long each probe ran (also for an overrun, with the deadline as its duration). */
  interface Timing {
    void ran(Probe probe, Duration took);
  }

  private final ThreadPoolExecutor pool;

  ProbeRunner(int maxThreads) {
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "probe-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The evidence of each job, in order; never throws, never waits much longer than one deadline per job. */
  Evidence[] runAll(List<Job> jobs, Duration deadline, Timing timing) {
    ProbeBatch batch = new ProbeBatch(jobs, timing);
    int generation = batch.generation();
    while (true) {
      if (!start(batch, generation)) {
        // every probe thread is taken by overrunning probes: run the rest here, still guarded
        batch.work(generation);
        return batch.results();
      }
      int overrun = batch.awaitDoneOrOverrun(deadline);
      if (overrun < 0) {
        return batch.results();
      }
      generation = batch.abandon(overrun, Evidence.unknown(jobs.get(overrun).probe().capability(),
          "probe did not finish within " + deadline.toSeconds() + "s"), deadline);
    }
  }

  private boolean start(ProbeBatch batch, int generation) {
    try {
      pool.execute(() -> batch.work(generation));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
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
