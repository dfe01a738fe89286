package dev.mlops.maturity.whatif;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ModelSource;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a plan does to the targets' levels: every target is evaluated on the same probes over the cluster as it is
 * and over the cluster with the plan overlaid ({@link OverlayClusterView}); the after-evaluation takes the
 * before-level as its previous level, so a drop caused only by Unknown keeps the level, exactly as in the operator.
 */
public final class WhatIf {
  private final TargetAssessor assessor;
  private final Function<ClusterView, ModelSource> models;

  /** {@code models} resolves models over a view, so a plan may add or edit a MaturityModel. */
  public WhatIf(TargetAssessor assessor, Function<ClusterView, ModelSource> models) {
    this.assessor = assessor;
    this.models = models;
  }

  /**
   * Evaluates {@code targets} (the live ones in scope) before and after {@code plan}; the plan's own
   * MaturityTargets in a namespace {@code inScope} accepts are created, replaced or deleted.
   */
  public WhatIfResult evaluate(ClusterView cluster, ExternalSources external, List<MaturityTarget> targets, Plan plan,
      Predicate<String> inScope) {
    ClusterView after = new OverlayClusterView(cluster, plan);
    ModelSource modelsBefore = models.apply(cluster);
    ModelSource modelsAfter = models.apply(after);
    Map<String, Evidence> platformBefore = assessor.platformEvidence(cluster, external);
    Map<String, Evidence> platformAfter = assessor.platformEvidence(after, external);

    Map<String, MaturityTarget> beforeTargets = new LinkedHashMap<>();
    targets.forEach(t -> beforeTargets.put(key(t), t));
    Map<String, MaturityTarget> afterTargets = new LinkedHashMap<>(beforeTargets);
    for (PlannedObject p : plan.targets()) {
      if (!inScope.test(p.namespace())) {
        continue;
      }
      String key = p.namespace() + "/" + p.name();
      if (p.delete()) {
        afterTargets.remove(key);
      } else {
        afterTargets.put(key, Serialization.jsonMapper().convertValue(p.object(), MaturityTarget.class));
      }
    }
    List<String> keys = new ArrayList<>(beforeTargets.keySet());
    afterTargets.keySet().stream().filter(k -> !beforeTargets.containsKey(k)).forEach(keys::add);

    List<TargetChange> changes = new ArrayList<>();
    int unchanged = 0;
    for (String key : keys) {
      Optional<TargetAssessment> before = Optional.ofNullable(beforeTargets.get(key))
          .map(t -> assessor.assess(t, modelsBefore, cluster, external, platformBefore, PreviousEvaluation.NONE));
      Optional<TargetAssessment> afterAssessment = Optional.ofNullable(afterTargets.get(key))
          .map(t -> assessor.assess(t, modelsAfter, after, PlannedPrometheus.forTarget(external, plan, t.getMetadata().getNamespace()),
              platformAfter, m -> previous(before, m.id())));
      String ns = key.substring(0, key.indexOf('/'));
      TargetChange change = new TargetChange(ns, key.substring(key.indexOf('/') + 1), before, afterAssessment,
          capabilityChanges(before, afterAssessment));
      boolean touched = plan.clusterWide() || plan.namespaces().contains(ns);
      if (touched || !change.capabilities().isEmpty() || !"unchanged".equals(change.change())) {
        changes.add(change);
      } else {
        unchanged++;
      }
    }
    return new WhatIfResult(changes, unchanged, notes(cluster, plan));
  }

  private static PreviousEvaluation previous(Optional<TargetAssessment> before, String modelId) {
    return before.filter(b -> b.problems().isEmpty()).flatMap(TargetAssessment::assessment)
        .filter(a -> a.model().id().equals(modelId))
        .map(a -> new PreviousEvaluation(a.observedLevel(), false)).orElse(PreviousEvaluation.NONE);
  }

  static List<CapabilityChange> capabilityChanges(Optional<TargetAssessment> before, Optional<TargetAssessment> after) {
    Map<String, CapabilityResult> was = capabilities(before);
    Map<String, CapabilityResult> is = capabilities(after);
    List<CapabilityChange> out = new ArrayList<>();
    for (CapabilityResult now : is.values()) {
      CapabilityResult then = was.get(now.id());
      if (then == null || then.evidence().state() != now.evidence().state()) {
        out.add(new CapabilityChange(now.id(), now.level(), then == null ? null : then.evidence().state(), now.evidence().state(),
            now.evidence().message()));
      }
    }
    was.values().stream().filter(c -> !is.containsKey(c.id()))
        .forEach(c -> out.add(new CapabilityChange(c.id(), c.level(), c.evidence().state(), null, "")));
    return out;
  }

  private static Map<String, CapabilityResult> capabilities(Optional<TargetAssessment> side) {
    Map<String, CapabilityResult> out = new LinkedHashMap<>();
    side.flatMap(TargetAssessment::assessment).map(LevelOutcome::capabilities).orElse(List.of()).forEach(c -> out.put(c.id(), c));
    return out;
  }

  /** Plan objects of a kind the cluster does not serve cannot apply; say so instead of pretending. */
  private static List<String> notes(ClusterView cluster, Plan plan) {
    List<String> notes = new ArrayList<>();
    for (ResourceKind kind : KindCatalogue.ALL) {
      for (PlannedObject p : plan.of(kind)) {
        Listing listing = cluster.list(kind, kind.namespaced() ? p.namespace() : null);
        if (!listing.served() && Objects.equals(kind.version(), p.object().getApiVersion().substring(p.object().getApiVersion().indexOf('/') + 1))) {
          notes.add(p.source() + ": " + p.describe() + " is not evaluated: " + listing.reason());
        }
      }
    }
    return notes;
  }

  private static String key(MaturityTarget t) {
    return t.getMetadata().getNamespace() + "/" + t.getMetadata().getName();
  }
}
