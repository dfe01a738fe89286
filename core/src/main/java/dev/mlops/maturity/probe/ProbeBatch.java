package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Evidence;
import java.time.Duration;
import java.util.List;

/**
 * The shared state of one {@link ProbeRunner#runAll} call: which probe runs now and since when, and
 * the results so far. A worker works for one generation; abandoning an overrunning probe starts a new
 * generation, so a late answer from an abandoned worker is dropped.
 */
final class ProbeBatch {
  private final List<ProbeRunner.Job> jobs;
  private final ProbeRunner.Timing timing;
  private final Evidence[] results;
  private int next;
  private long startedAt = System.nanoTime();
  private int generation;
  private Thread worker;

  ProbeBatch(List<ProbeRunner.Job> jobs, ProbeRunner.Timing timing) {
    this.jobs = jobs;
    this.timing = timing;
    this.results = new Evidence[jobs.size()];
  }

  synchronized int generation() {
    return generation;
  }

  /** Runs the remaining probes in order, for as long as this worker's generation is current. */
  void work(int gen) {
    while (true) {
      int i;
      synchronized (this) {
        if (gen != generation || next >= jobs.size()) {
          notifyAll();
          return;
        }
        i = next;
        worker = Thread.currentThread();
        startedAt = System.nanoTime();
      }
      ProbeRunner.Job job = jobs.get(i);
      long start = System.nanoTime();
      Evidence e = ProbeRunner.guarded(job.probe(), job.context());
      long took = System.nanoTime() - start;
      synchronized (this) {
        if (gen != generation) {
          return; // abandoned: its probe already counts as overrun
        }
        results[i] = e;
        next = i + 1;
        worker = null;
        notifyAll();
      }
      timing.ran(job.probe(), Duration.ofNanos(took));
    }
  }

  /** Waits until every probe ran (-1) or the running one overran its deadline (its index). */
  synchronized int awaitDoneOrOverrun(Duration deadline) {
    long limit = deadline.toNanos();
    while (next < jobs.size()) {
      long left = startedAt + limit - System.nanoTime();
      if (left <= 0) {
        return next;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        for (int i = next; i < jobs.size(); i++) {
          results[i] = Evidence.unknown(jobs.get(i).probe().capability(), "probe interrupted");
        }
        abandonWorker();
        next = jobs.size();
        return -1;
      }
    }
    return -1;
  }

  /** Gives up on the probe at {@code index} with {@code verdict}; returns the generation of the next worker. */
  synchronized int abandon(int index, Evidence verdict, Duration deadline) {
    results[index] = verdict;
    next = index + 1;
    startedAt = System.nanoTime();
    abandonWorker();
    timing.ran(jobs.get(index).probe(), deadline);
    return generation;
  }

  private void abandonWorker() {
    generation++;
    if (worker != null) {
      worker.interrupt();
      worker = null;
    }
  }

  synchronized Evidence[] results() {
    return results.clone();
  }
}
