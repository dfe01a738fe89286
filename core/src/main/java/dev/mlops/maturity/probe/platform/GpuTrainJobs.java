package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kubeflow Trainer v2 TrainJobs that request {@code nvidia.com/gpu} ({@code spec.trainer.resourcesPerNode}) and
 * the Kueue queue their {@code kueue.x-k8s.io/queue-name} label names (PROBES.md b.24, e): a GPU TrainJob whose
 * LocalQueue (v1beta2, or v1beta1 before Kueue 0.15) feeds a ClusterQueue with GPU quota is shown as evidence
 * that GPU training is scheduled through the queue; one whose queue leads nowhere is named. Only annotates:
 * GPU capacity, not the jobs, decides the verdict, so these reads never turn it Unknown.
 */
final class GpuTrainJobs {
  static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";

  private GpuTrainJobs() {}

  static void annotate(ProbeContext ctx, ProviderScan scan, Set<String> gpuClusterQueues) {
    List<GenericKubernetesResource> gpuJobs = ctx.cluster().list(KindCatalogue.TRAIN_JOB, null).items().stream()
        .filter(GpuTrainJobs::requestsGpu).limit(50).toList();
    if (gpuJobs.isEmpty()) {
      return;
    }
    Listing queues = ctx.cluster().list(KindCatalogue.LOCAL_QUEUE, null);
    if (queues.availability() == Availability.NOT_INSTALLED) {
      queues = ctx.cluster().list(KindCatalogue.LOCAL_QUEUE_V1BETA1, null);
    }
    int shown = 0;
    for (GenericKubernetesResource job : gpuJobs) {
      String queue = label(job);
      String ref = ProbeContext.ref(job);
      String clusterQueue = queue == null ? null : queues.items().stream()
          .filter(q -> queue.equals(q.getMetadata().getName()) && Objects.equals(q.getMetadata().getNamespace(), job.getMetadata().getNamespace()))
          .map(q -> Fields.string(q, "spec", "clusterQueue").orElse(null)).filter(Objects::nonNull).findFirst().orElse(null);
      if (clusterQueue != null && gpuClusterQueues.contains(clusterQueue)) {
        if (shown++ < 3) {
          scan.found(ref + " (requests " + GpuSchedulingProbe.GPU + " through LocalQueue " + queue + " → ClusterQueue " + clusterQueue + ")");
        }
      } else if (queue == null) {
        scan.seen(ref + " requests " + GpuSchedulingProbe.GPU + " without a " + QUEUE_LABEL + " label");
      } else {
        scan.seen(ref + " requests " + GpuSchedulingProbe.GPU + " through LocalQueue " + cut(queue)
            + (clusterQueue == null ? ", which is not found" : ", whose ClusterQueue " + cut(clusterQueue) + " has no GPU quota"));
      }
    }
  }

  static boolean requestsGpu(GenericKubernetesResource job) {
    for (String side : List.of("limits", "requests")) {
      Object amount = Fields.map(job, "spec", "trainer", "resourcesPerNode", side).map(m -> m.get(GpuSchedulingProbe.GPU)).orElse(null);
      if (Quantities.positive(amount)) {
        return true;
      }
    }
    return false;
  }

  private static String label(GenericKubernetesResource job) {
    Map<String, String> labels = job.getMetadata().getLabels();
    String q = labels == null ? null : labels.get(QUEUE_LABEL);
    return q == null || q.isBlank() ? null : q;
  }

  private static String cut(String s) {
    return s.length() <= 63 ? s : s.substring(0, 63) + "…";
  }
}
