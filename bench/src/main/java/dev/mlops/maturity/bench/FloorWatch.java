package dev.mlops.maturity.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The floor: a bare Fabric8 informer on CronWorkflows, recording when it sees each suspend flag. */
final class FloorWatch implements AutoCloseable {
  private record Seen(boolean suspended, long at) {}

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final SharedIndexInformer<GenericKubernetesResource> informer;

  FloorWatch(KubernetesClient client) {
    informer = client.genericKubernetesResources(DetectionMeasurement.CRON_WORKFLOWS).inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource r) {
        record(r);
      }

      @Override
      public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource r) {
        record(r);
      }

      @Override
      public void onDelete(GenericKubernetesResource r, boolean unknown) {}
    });
  }

  @SuppressWarnings("unchecked")
  private void record(GenericKubernetesResource r) {
    long now = System.nanoTime();
    Object spec = r.getAdditionalProperties().get("spec");
    boolean suspended = spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("suspend"));
    // the CronWorkflow is named after its workload: <name>-nightly
    String name = r.getMetadata().getName().replaceFirst("-nightly$", "");
    seen.compute(BenchRunner.key(r.getMetadata().getNamespace(), name), (k, old) -> old != null && old.suspended() == suspended ? old : new Seen(suspended, now));
  }

  long seenAt(String key, boolean suspended, long after) {
    Seen s = seen.get(key);
    return s != null && s.suspended() == suspended && s.at() >= after ? s.at() : 0;
  }

  @Override
  public void close() {
    informer.stop();
  }
}
