package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.evidence.Exercise;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.RunHistory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a canary last completed its analysis successfully. Argo Rollouts: an {@code AnalysisRun} owned by
 * the Rollout (ownerReferences kind Rollout) in {@code status.phase: Successful}; upstream AnalysisRunStatus
 * has no completion time, so it is the newest {@code status.metricResults[].measurements[].finishedAt}
 * ({@code status.startedAt} when no measurement has one). Flagger: a Canary in {@code status.phase:
 * Succeeded} (promotion finished), at {@code status.lastTransitionTime}. Failed, Error and Inconclusive
 * runs never count. KServe, Seldon and weighted routes keep no run record.
 */
final class CanaryRuns {
  private CanaryRuns() {}

  static Exercise of(ProbeContext ctx, List<GenericKubernetesResource> rollouts, List<GenericKubernetesResource> flaggerCanaries) {
    RunHistory history = new RunHistory();
    Set<String> names = Set.copyOf(rollouts.stream().map(ServingScan::name).toList());
    if (!names.isEmpty()) {
      history.read(ctx.inNamespace(KindCatalogue.ANALYSIS_RUN).filter(run -> ownedByRollout(run, names)),
          run -> "Successful".equals(Fields.string(run, "status", "phase").orElse("")), CanaryRuns::analysisCompleted);
    }
    for (GenericKubernetesResource c : flaggerCanaries) {
      if ("Succeeded".equals(Fields.string(c, "status", "phase").orElse(""))) {
        Fields.timestamp(c, "status", "lastTransitionTime").ifPresent(at -> history.add(at, ProbeContext.ref(c)));
      }
    }
    return history.exercise();
  }

  static Optional<Instant> analysisCompleted(GenericKubernetesResource run) {
    Optional<Instant> measured = Fields.list(run, "status", "metricResults").stream()
        .flatMap(m -> Fields.list(m, "measurements").stream())
        .map(m -> Fields.timestamp(m, "finishedAt")).flatMap(Optional::stream)
        .max(Comparator.naturalOrder());
    return measured.or(() -> Fields.timestamp(run, "status", "startedAt"));
  }

  private static boolean ownedByRollout(GenericKubernetesResource run, Set<String> rollouts) {
    List<OwnerReference> owners = run.getMetadata() == null ? null : run.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> "Rollout".equals(o.getKind()) && rollouts.contains(o.getName()));
  }
}
