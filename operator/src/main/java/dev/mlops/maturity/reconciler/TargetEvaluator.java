package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evaluation.Assessment;
import dev.mlops.maturity.evaluation.EvaluationInterval;
import dev.mlops.maturity.evaluation.EvidencePolicy;
import dev.mlops.maturity.evaluation.LevelEvaluator;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.evaluation.TargetSpecValidator;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.status.Conditions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The observe phase: resolve the model, validate the spec, collect evidence (platform evidence
 * shared), apply the target's policy and run the level rule against the previous status. Reads
 * only; it writes nothing.
 */
public final class TargetEvaluator {
  private final ModelResolver models;
  private final EvidenceCollector collector;
  private final PlatformEvidence platform;
  private final ClusterView cluster;
  private final ExternalSources external;
  private final Clock clock;

  public TargetEvaluator(ModelResolver models, EvidenceCollector collector, PlatformEvidence platform, ClusterView cluster,
      ExternalSources external, Clock clock) {
    this.models = models;
    this.collector = collector;
    this.platform = platform;
    this.cluster = cluster;
    this.external = external;
    this.clock = clock;
  }

  public Evaluation evaluate(MaturityTarget target) {
    MaturityTargetSpec spec = target.getSpec();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    ModelResolver.Resolution resolution = models.resolve(spec == null ? null : spec.model);
    List<SpecProblem> problems = TargetSpecValidator.validate(spec, resolution.model(), resolution.problem(), today);
    var interval = EvaluationInterval.effective(spec == null ? null : spec.evaluationInterval);
    if (resolution.model().isEmpty() || problems.stream().anyMatch(SpecProblem::blocksEvaluation)) {
      return new Evaluation(Optional.empty(), problems, interval);
    }
    MaturityModelDefinition model = resolution.model().get();
    WorkloadTarget workload = WorkloadTarget.of(target);
    Map<String, Evidence> observed = collector.workload(workload, cluster, external, platform.current(cluster), model.capabilities());
    Map<String, Evidence> effective = EvidencePolicy.apply(model, observed, spec, today);
    int targetLevel = spec.targetLevel == null ? 0 : Math.max(0, spec.targetLevel);
    Assessment assessment = LevelEvaluator.evaluate(model, effective, targetLevel, previous(target.getStatus(), model));
    return new Evaluation(Optional.of(assessment), problems, interval);
  }

  /** The last published level counts only if it was measured against the same model. */
  static PreviousEvaluation previous(MaturityTargetStatus status, MaturityModelDefinition model) {
    if (status == null || status.observedLevel == null || !Objects.equals(status.model, model.id())) {
      return PreviousEvaluation.NONE;
    }
    return new PreviousEvaluation(status.observedLevel, Conditions.isTrue(status.conditions, Conditions.REGRESSED));
  }
}
