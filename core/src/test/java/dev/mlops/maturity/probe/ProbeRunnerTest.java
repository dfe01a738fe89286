package dev.mlops.maturity.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeRunnerTest {
  private static final Duration DEADLINE = Duration.ofMillis(300);
  private final ProbeRunner runner = new ProbeRunner(8);
  private final Map<String, Thread> ranOn = new ConcurrentHashMap<>();
  private final List<String> timed = new CopyOnWriteArrayList<>();

  /** A probe that records its thread, then behaves as told. */
  private final class Recording implements Probe {
    private final String capability;
    private final Runnable behaviour;

    Recording(String capability, Runnable behaviour) {
      this.capability = capability;
      this.behaviour = behaviour;
    }

    @Override
    public String capability() {
      return capability;
    }

    @Override
    public Set<ResourceKind> reads() {
      return Set.of();
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      ranOn.put(capability, Thread.currentThread());
      behaviour.run();
      return Evidence.satisfied(capability, "ran", List.of());
    }
  }

  private Evidence[] run(Probe... probes) {
    List<ProbeRunner.Job> jobs = new ArrayList<>();
    for (Probe p : probes) {
      jobs.add(new ProbeRunner.Job(p, null));
    }
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> runner.runAll(jobs, DEADLINE, (p, took) -> timed.add(p.capability())));
  }

  @Test
  void theProbesOfOneCallRunInOrderOnOnePooledThreadNotOneHandOffEach() {
    Evidence[] out = run(new Recording("alerting", () -> {}), new Recording("drift-monitoring", () -> {}),
        new Recording("health-monitoring", () -> {}));

    assertThat(out).extracting(Evidence::state).containsOnly(CapabilityState.Satisfied);
    assertThat(ranOn.get("alerting")).isNotSameAs(Thread.currentThread());
    assertThat(ranOn.get("drift-monitoring")).isSameAs(ranOn.get("alerting"));
    assertThat(ranOn.get("health-monitoring")).isSameAs(ranOn.get("alerting"));
    assertThat(timed).containsExactly("alerting", "drift-monitoring", "health-monitoring");
  }

  @Test
  void anOverrunCostsOnlyItsCapabilityTheRestRunOnAFreshThreadAndTheLateAnswerIsDropped() throws Exception {
    CountDownLatch lateAnswerSent = new CountDownLatch(1);
    Probe stuck = new Recording("drift-monitoring", () -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // ignores interrupts, as a runaway loop would
      }
      lateAnswerSent.countDown();
    });
    Evidence[] out = run(new Recording("alerting", () -> {}), stuck, new Recording("health-monitoring", () -> {}));

    assertThat(out[0].state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(out[1].state()).isEqualTo(CapabilityState.Unknown);
    assertThat(out[1].message()).contains("did not finish within");
    assertThat(out[2].state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(ranOn.get("health-monitoring")).isNotSameAs(ranOn.get("drift-monitoring"));
    assertThat(lateAnswerSent.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(out[1].state()).as("the abandoned probe's late answer does not replace the verdict").isEqualTo(CapabilityState.Unknown);
    assertThat(timed).contains("drift-monitoring");
  }

  @Test
  void anErrorIsUnknownNamingItAndTheNextProbeStillRuns() {
    Evidence[] out = run(new Recording("alerting", () -> {
      throw new StackOverflowError();
    }), new Recording("health-monitoring", () -> {}));

    assertThat(out[0].state()).isEqualTo(CapabilityState.Unknown);
    assertThat(out[0].message()).contains("StackOverflowError");
    assertThat(out[1].state()).isEqualTo(CapabilityState.Satisfied);
  }

  @Test
  void whenEveryProbeThreadIsTakenTheCallerRunsTheProbesItself() {
    ProbeRunner none = new ProbeRunner(1);
    CountDownLatch release = new CountDownLatch(1);
    // occupy the only thread with an overrunning probe, abandoned after the deadline but still running
    Probe hog = new Recording("alerting", () -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        // interrupted when abandoned: keep holding the thread, as a probe that ignores interrupts would
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
          Thread.currentThread().interrupt();
        }
      }
    });
    try {
      none.runAll(List.of(new ProbeRunner.Job(hog, null)), DEADLINE, (p, t) -> {});
      Evidence[] out = none.runAll(List.of(new ProbeRunner.Job(new Recording("health-monitoring", () -> {}), null)), DEADLINE,
          (p, t) -> {});

      assertThat(out[0].state()).isEqualTo(CapabilityState.Satisfied);
      assertThat(ranOn.get("health-monitoring")).isSameAs(Thread.currentThread());
    } finally {
      release.countDown();
    }
  }
}
