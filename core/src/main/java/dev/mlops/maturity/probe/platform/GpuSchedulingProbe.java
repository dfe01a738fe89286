package dev.mlops.maturity.probe.platform;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code gpu-scheduling} (PROBES.md b.24, platform scope): GPUs can be scheduled. Any of
 * <ul>
 *   <li>a Node advertising {@code status.allocatable["nvidia.com/gpu"]} &gt; 0 (the NVIDIA device plugin runs);</li>
 *   <li>a Karpenter NodePool (karpenter.sh/v1) that launches GPU nodes: a {@code nvidia.com/gpu} taint or a GPU
 *       requirement ({@code karpenter.k8s.aws/instance-gpu-count}, {@code instance-gpu-manufacturer},
 *       {@code instance-gpu-name}, a GPU {@code instance-category}/{@code instance-family}, {@code nvidia.com/gpu.*});
 *       this holds even while the pool is scaled to zero;</li>
 *   <li>a Kueue ClusterQueue whose {@code spec.resourceGroups[].coveredResources} contains {@code nvidia.com/gpu}
 *       with a non-zero nominal quota (when quotas are given).</li>
 * </ul>
 * Kueue serves v1beta2 from 0.15 and drops v1beta1 in 0.17 (PROBES.md Appendix D); clusters on Kueue &lt; 0.15 serve
 * only v1beta1, so when v1beta2 is not served this probe reads {@code kueue.x-k8s.io/v1beta1} ClusterQueues
 * (same {@code resourceGroups} shape). Nodes are always readable, so a cluster without GPU nodes, GPU pools or GPU
 * queues is Missing; GPU pools of a cluster autoscaler scaled to zero are not visible through the API. GPU
 * TrainJobs queued through Kueue are shown as extra evidence ({@link GpuTrainJobs}).
 */
public final class GpuSchedulingProbe extends AbstractProbe {
  public static final String CAPABILITY = "gpu-scheduling";
  public static final String GPU = "nvidia.com/gpu";

  /** Kueue's ClusterQueue before 0.15 (not in the shared KindCatalogue: read only when v1beta2 is not served). */

  public GpuSchedulingProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.NODE, KindCatalogue.NODE_POOL, KindCatalogue.CLUSTER_QUEUE, KindCatalogue.CLUSTER_QUEUE_V1BETA1,
        KindCatalogue.TRAIN_JOB, KindCatalogue.LOCAL_QUEUE, KindCatalogue.LOCAL_QUEUE_V1BETA1));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    for (GenericKubernetesResource node : scan.read(ctx.cluster().list(KindCatalogue.NODE, null))) {
      Object allocatable = Fields.at(node, "status", "allocatable", GPU).orElse(null);
      if (Quantities.positive(allocatable)) {
        scan.found(ProbeContext.ref(node) + " (" + Quantities.amount(allocatable).orElseThrow().stripTrailingZeros().toPlainString()
            + " " + GPU + " allocatable)");
      } else if (Quantities.positive(Fields.at(node, "status", "capacity", GPU).orElse(null))) {
        scan.seen(ProbeContext.ref(node) + " has " + GPU + " capacity but none allocatable");
      }
    }
    for (GenericKubernetesResource pool : scan.read(ctx.cluster().list(KindCatalogue.NODE_POOL, null))) {
      NodePools.gpu(pool).ifPresent(why -> scan.found(ProbeContext.ref(pool) + " (" + why + ")"));
    }
    Set<String> gpuQueues = new HashSet<>();
    for (GenericKubernetesResource queue : scan.read(clusterQueues(ctx))) {
      if (clusterQueue(queue, scan)) {
        gpuQueues.add(queue.getMetadata().getName());
      }
    }
    GpuTrainJobs.annotate(ctx, scan, gpuQueues);
    return scan.verdict("GPUs are schedulable", "no GPU capacity: no node allocates " + GPU + ", no GPU NodePool, no ClusterQueue covering " + GPU);
  }

  private static Listing clusterQueues(ProbeContext ctx) {
    Listing current = ctx.cluster().list(KindCatalogue.CLUSTER_QUEUE, null);
    return current.availability() == Availability.NOT_INSTALLED ? ctx.cluster().list(KindCatalogue.CLUSTER_QUEUE_V1BETA1, null) : current;
  }

  /** True when the queue covers GPUs with quota. */
  private static boolean clusterQueue(GenericKubernetesResource queue, ProviderScan scan) {
    for (Object group : Fields.list(queue, "spec", "resourceGroups")) {
      if (!Fields.list(group, "coveredResources").contains(GPU)) {
        continue;
      }
      List<Object> quotas = Fields.list(group, "flavors").stream()
          .flatMap(f -> Fields.list(f, "resources").stream())
          .filter(r -> GPU.equals(Fields.string(r, "name").orElse(null)))
          .map(r -> Fields.at(r, "nominalQuota").orElse(null)).toList();
      if (quotas.isEmpty() || quotas.stream().anyMatch(Quantities::positive)) {
        scan.found(ProbeContext.ref(queue) + " (covers " + GPU + ")");
        return true;
      }
      scan.seen(ProbeContext.ref(queue) + " covers " + GPU + " with zero quota");
      return false;
    }
    return false;
  }
}
