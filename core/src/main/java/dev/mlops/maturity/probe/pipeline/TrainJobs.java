package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.RunHistory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The workload's Kubeflow Trainer v2 {@code TrainJob}s (trainer.kubeflow.org/v1alpha1, PROBES.md e) and
 * what they need to run. A TrainJob belongs to the workload when it carries the workload's labels or is
 * owned by an Argo Workflow of the workload's training pipeline (a WorkflowTemplate {@code resource} step
 * with {@code setOwnerReference: true}). It counts as training when its {@code spec.runtimeRef} names an
 * existing {@code TrainingRuntime} (same namespace) or {@code ClusterTrainingRuntime} (the default kind), it has
 * not failed, and it is not suspended, unless it waits for admission by Kueue through its
 * {@code kueue.x-k8s.io/queue-name} label naming a LocalQueue that exists (v1beta2, or v1beta1 on Kueue
 * before 0.15). Its JobSet (same name) → Jobs → Pods chain is found by the
 * {@code jobset.sigs.k8s.io/jobset-name} label, for probes that look at pods.
 */
final class TrainJobs {
  static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
  static final String JOBSET_LABEL = "jobset.sigs.k8s.io/jobset-name";

  /** One TrainJob's verdict: counts (with a note) or does not (with the reason). */
  record Verdict(String reference, boolean counts, String note) {}

  private TrainJobs() {}

  /** Reads TrainJobs through the scan and judges each that belongs to the workload. */
  static List<Verdict> judge(ProbeContext ctx, ProviderScan scan, TrainingPipelines pipelines) {
    List<GenericKubernetesResource> jobs = scan.read(ctx.inNamespace(KindCatalogue.TRAIN_JOB));
    List<Verdict> out = new ArrayList<>();
    Set<String> runs = jobs.isEmpty() ? Set.of() : Set.copyOf(pipelines.argoRuns(ctx).stream().map(TrainingPipelines::name).toList());
    for (GenericKubernetesResource job : jobs) {
      if (ctx.isBound(job) || ownedByWorkflow(job, runs)) {
        out.add(verdict(ctx, scan, job));
      }
    }
    return out;
  }

  /**
   * Adds the workload's completed TrainJobs to the history: condition {@code Complete=True}, at its
   * {@code lastTransitionTime} (a TrainJob that also reports {@code Failed=True} does not count).
   */
  static void completed(ProbeContext ctx, TrainingPipelines pipelines, RunHistory history) {
    Listing jobs = ctx.inNamespace(KindCatalogue.TRAIN_JOB);
    Set<String> runs = jobs.items().isEmpty() ? Set.of() : Set.copyOf(pipelines.argoRuns(ctx).stream().map(TrainingPipelines::name).toList());
    history.read(jobs.filter(j -> ctx.isBound(j) || ownedByWorkflow(j, runs)),
        j -> Fields.hasCondition(j, "Complete", "True") && !Fields.hasCondition(j, "Failed", "True"),
        j -> Fields.condition(j, "Complete").flatMap(c -> Fields.timestamp(c, "lastTransitionTime")));
  }

  private static Verdict verdict(ProbeContext ctx, ProviderScan scan, GenericKubernetesResource job) {
    String ref = ProbeContext.ref(job);
    String runtime = Fields.string(job, "spec", "runtimeRef", "name").orElse("");
    String runtimeKind = Fields.string(job, "spec", "runtimeRef", "kind").orElse("ClusterTrainingRuntime");
    if (runtime.isEmpty()) {
      return new Verdict(ref, false, "has no spec.runtimeRef.name");
    }
    Listing runtimes = "TrainingRuntime".equals(runtimeKind)
        ? ctx.inNamespace(KindCatalogue.TRAINING_RUNTIME) : ctx.cluster().list(KindCatalogue.CLUSTER_TRAINING_RUNTIME, null);
    scan.read(runtimes);
    if (!runtimes.served()) {
      return new Verdict(ref, false, "its " + runtimeKind + " " + Quoted.of(runtime) + " cannot be read");
    }
    if (runtimes.items().stream().noneMatch(r -> runtime.equals(r.getMetadata().getName()))) {
      return new Verdict(ref, false, "names " + runtimeKind + " " + Quoted.of(runtime) + ", which does not exist");
    }
    if (Fields.hasCondition(job, "Failed", "True")) {
      return new Verdict(ref, false, "failed" + reason(job, "Failed"));
    }
    String chain = chain(ctx, job);
    if (Fields.hasCondition(job, "Complete", "True")) {
      return new Verdict(ref, true, "completed on " + runtimeKind + " " + runtime + chain);
    }
    if (Fields.isTrue(job, "spec", "suspend")) {
      return queued(ctx, scan, job, ref);
    }
    return new Verdict(ref, true, "runs on " + runtimeKind + " " + runtime + chain);
  }

  /** A suspended TrainJob counts only while Kueue holds it for admission in a LocalQueue that exists. */
  private static Verdict queued(ProbeContext ctx, ProviderScan scan, GenericKubernetesResource job, String ref) {
    String queue = TrainingPipelines.label(job, QUEUE_LABEL);
    if (queue == null || queue.isBlank()) {
      return new Verdict(ref, false, "is suspended (spec.suspend) and no Kueue queue will admit it");
    }
    Listing queues = ctx.inNamespace(KindCatalogue.LOCAL_QUEUE);
    if (queues.availability() == Availability.NOT_INSTALLED) {
      queues = ctx.inNamespace(KindCatalogue.LOCAL_QUEUE_V1BETA1);
    }
    scan.read(queues);
    if (!queues.served()) {
      return new Verdict(ref, false, "waits for Kueue LocalQueue " + Quoted.of(queue) + ", which cannot be read");
    }
    if (queues.items().stream().noneMatch(q -> queue.equals(q.getMetadata().getName()))) {
      return new Verdict(ref, false, "waits for Kueue LocalQueue " + Quoted.of(queue) + ", which does not exist");
    }
    return new Verdict(ref, true, "queued in Kueue LocalQueue " + queue + admission(ctx, job));
  }

  /** "; Kueue Workload admitted" when a Workload owned by the TrainJob says so. */
  private static String admission(ProbeContext ctx, GenericKubernetesResource job) {
    Listing workloads = ctx.inNamespace(KindCatalogue.KUEUE_WORKLOAD);
    if (workloads.availability() == Availability.NOT_INSTALLED) {
      workloads = ctx.inNamespace(KindCatalogue.KUEUE_WORKLOAD_V1BETA1);
    }
    return workloads.items().stream().filter(w -> ownedBy(w, "TrainJob", TrainingPipelines.name(job))).findFirst()
        .map(w -> Fields.hasCondition(w, "Admitted", "True") ? ", admitted (Workload " + TrainingPipelines.name(w) + ")"
            : ", not admitted yet (Workload " + TrainingPipelines.name(w) + ")")
        .orElse("");
  }

  /** "; JobSet x → 2 Jobs → 4 Pods (4 Running)" for the TrainJob's runtime objects, or "" when none exist yet. */
  static String chain(ProbeContext ctx, GenericKubernetesResource job) {
    List<GenericKubernetesResource> pods = pods(ctx, job);
    boolean jobSet = ctx.inNamespace(KindCatalogue.JOB_SET).items().stream().anyMatch(s -> TrainingPipelines.name(job).equals(TrainingPipelines.name(s)));
    if (!jobSet) {
      return "";
    }
    long jobs = ctx.inNamespace(KindCatalogue.JOB).items().stream().filter(j -> TrainingPipelines.name(job).equals(TrainingPipelines.label(j, JOBSET_LABEL))).count();
    long running = pods.stream().filter(p -> "Running".equals(Fields.string(p, "status", "phase").orElse(""))).count();
    return "; JobSet " + TrainingPipelines.name(job) + " → " + jobs + " Job" + (jobs == 1 ? "" : "s") + " → " + pods.size() + " Pod"
        + (pods.size() == 1 ? "" : "s") + " (" + running + " Running)";
  }

  /** The TrainJob's pods (JobSet name = TrainJob name; JobSet labels its Jobs' pods with it). */
  static List<GenericKubernetesResource> pods(ProbeContext ctx, GenericKubernetesResource job) {
    String name = TrainingPipelines.name(job);
    return ctx.inNamespace(KindCatalogue.POD).items().stream().filter(p -> name.equals(TrainingPipelines.label(p, JOBSET_LABEL))).toList();
  }

  private static boolean ownedByWorkflow(GenericKubernetesResource job, Set<String> workflows) {
    return workflows.stream().anyMatch(w -> ownedBy(job, "Workflow", w));
  }

  private static boolean ownedBy(GenericKubernetesResource r, String kind, String name) {
    List<OwnerReference> owners = r.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> kind.equals(o.getKind()) && Objects.equals(name, o.getName()));
  }

  private static String reason(GenericKubernetesResource job, String type) {
    return Fields.list(job, "status", "conditions").stream()
        .filter(c -> type.equals(Fields.string(c, "type").orElse(null)))
        .map(c -> Fields.string(c, "reason").orElse(""))
        .filter(r -> !r.isBlank()).findFirst().map(r -> " (" + Quoted.of(r) + ")").orElse("");
  }
}
