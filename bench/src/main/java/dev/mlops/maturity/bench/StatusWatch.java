package dev.mlops.maturity.bench;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Watches MaturityTargets: the last observed level per target and when it was seen. */
final class StatusWatch implements AutoCloseable {
  private record Seen(Integer level, long at) {}

  private final Map<String, Integer> intended;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final SharedIndexInformer<MaturityTarget> informer;

  StatusWatch(KubernetesClient client, Map<String, Integer> intended) {
    this.intended = intended;
    this.informer = client.resources(MaturityTarget.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(MaturityTarget t) {
        record(t);
      }

      @Override
      public void onUpdate(MaturityTarget before, MaturityTarget t) {
        record(t);
      }

      @Override
      public void onDelete(MaturityTarget t, boolean unknown) {}
    });
  }

  private void record(MaturityTarget t) {
    Integer level = t.getStatus() == null ? null : t.getStatus().observedLevel;
    String key = BenchRunner.key(t.getMetadata().getNamespace(), t.getMetadata().getName());
    long now = System.nanoTime();
    seen.compute(key, (k, old) -> old != null && Objects.equals(old.level(), level) ? old : new Seen(level, now));
  }

  int correct() {
    return (int) intended.entrySet().stream().filter(e -> {
      Seen s = seen.get(e.getKey());
      return s != null && e.getValue().equals(s.level());
    }).count();
  }

  List<String> wrong(int max) {
    return intended.entrySet().stream().filter(e -> {
      Seen s = seen.get(e.getKey());
      return s == null || !e.getValue().equals(s.level());
    }).limit(max).map(e -> e.getKey() + " want " + e.getValue() + " saw " + (seen.get(e.getKey()) == null ? null : seen.get(e.getKey()).level()))
        .toList();
  }

  boolean awaitAllCorrect(Duration timeout, Consumer<String> progress) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextReport = start + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (correct() == intended.size()) {
        return true;
      }
      if (System.nanoTime() > nextReport) {
        nextReport += TimeUnit.SECONDS.toNanos(15);
        progress.accept(String.format("  %d of %d targets correct after %.0f s; e.g. %s", correct(), intended.size(),
            BenchRunner.secondsSince(start), wrong(3)));
      }
      Thread.sleep(20);
    }
    return false;
  }

  long seenAt(String key, int level, long after) {
    Seen s = seen.get(key);
    return s != null && Objects.equals(s.level(), level) && s.at() >= after ? s.at() : 0;
  }

  @Override
  public void close() {
    informer.stop();
  }
}
