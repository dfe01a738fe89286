package dev.mlops.maturity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The operator's CPU share in the bench is the JVM's minus the API server's threads: only vert.x-* threads count as the server. */
class ApiServerCpuTest {
  private static final long BURN_NS = 200_000_000L;

  /** Runs a thread that uses BURN_NS of CPU, then waits (alive, so its time is still counted) until released. */
  private static Thread burner(String name, CountDownLatch burnt, CountDownLatch release) {
    Thread t = new Thread(() -> {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      AtomicLong sink = new AtomicLong();
      while (mx.getCurrentThreadCpuTime() < BURN_NS) {
        sink.addAndGet(System.nanoTime() % 7);
      }
      burnt.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void countsTheServerThreadsAndNotTheOthers() throws InterruptedException {
    long before = ApiServerCpu.nanos();
    CountDownLatch burnt = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Thread server = burner("vert.x-eventloop-thread-test", burnt, release);
    Thread operator = burner("ReconcilerExecutor-test", burnt, release);
    burnt.await();
    long delta = ApiServerCpu.nanos() - before;
    release.countDown();
    server.join();
    operator.join();

    assertThat(delta).as("the server thread's CPU is counted").isGreaterThanOrEqualTo(BURN_NS);
    assertThat(delta).as("the other thread's is not (other vert.x threads may add a little)").isLessThan(2 * BURN_NS);
  }
}
