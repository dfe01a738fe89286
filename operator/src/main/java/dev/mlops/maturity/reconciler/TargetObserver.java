package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.assessment.ModelSource;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.evaluation.EvaluationInterval;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.external.CachedExternalSources;
import dev.mlops.maturity.status.Conditions;
import java.util.Objects;

/**
 * The observe phase: the shared assessment pipeline (the same one `assess` runs) over the informer
 * caches, with platform evidence shared and the previous status as the regression guard's memory.
 * Reads only; it writes nothing.
 */
public final class TargetObserver {
  private final ModelSource models;
  private final TargetAssessor assessor;
  private final PlatformEvidence platform;
  private final ClusterView cluster;
  private final CachedExternalSources external;

  public TargetObserver(ModelSource models, TargetAssessor assessor, PlatformEvidence platform, ClusterView cluster,
      CachedExternalSources external) {
    this.models = models;
    this.assessor = assessor;
    this.platform = platform;
    this.cluster = cluster;
    this.external = external;
  }

  public Observation evaluate(MaturityTarget target) {
    var interval = EvaluationInterval.effective(target.getSpec() == null ? null : target.getSpec().evaluationInterval);
    // the answers read now are recorded against the target, so a change to one of them wakes it
    PlatformEvidence.Snapshot shared = platform.current(cluster);
    TargetAssessment result = assessor.assess(target, models, cluster, external.readingFor(reader(target)), shared.evidence(),
        model -> previous(target.getStatus(), model));
    return new Observation(result.assessment(), result.problems(), interval, shared);
  }

  /**
   * The HTTP sources as this target reads them after {@link #evaluate}: the ledger's reads are added to the
   * evaluation's (not replacing them), so a changed answer of either wakes the target.
   */
  public dev.mlops.maturity.probe.ExternalSources externalFor(MaturityTarget target) {
    return external.continuingFor(reader(target));
  }

  /** The target is gone: the answers it read wake nothing any more. */
  public void forget(MaturityTarget target) {
    external.forget(reader(target));
  }

  /** How a target is named as a reader of HTTP answers: {@code namespace/name}. */
  static String reader(MaturityTarget target) {
    return target.getMetadata().getNamespace() + "/" + target.getMetadata().getName();
  }

  /** The last published level counts only if it was measured against the same model. */
  static PreviousEvaluation previous(MaturityTargetStatus status, MaturityModelDefinition model) {
    if (status == null || status.observedLevel == null || !Objects.equals(status.model, model.id())) {
      return PreviousEvaluation.NONE;
    }
    return new PreviousEvaluation(status.observedLevel, Conditions.isTrue(status.conditions, Conditions.REGRESSED));
  }
}
