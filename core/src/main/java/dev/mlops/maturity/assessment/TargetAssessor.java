package dev.mlops.maturity.assessment;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.EvidencePolicy;
import dev.mlops.maturity.evaluation.ExercisedWindow;
import dev.mlops.maturity.evaluation.GovernancePolicy;
import dev.mlops.maturity.evaluation.GovernedEvidence;
import dev.mlops.maturity.evaluation.TargetExceptions;
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
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.time.ZoneOffset;

/**
 * The evaluation pipeline for one target, shared by the operator and the assess command:
 * resolve the model, validate the spec, collect evidence, apply the target's policy, evaluate.
 */
public final class TargetAssessor {
  private final EvidenceCollector collector;
  private final Clock clock;
  private final GovernancePolicy policy;
  private final WorkloadPresence presence;

  /** With the default policy. */
  public TargetAssessor(EvidenceCollector collector, Clock clock) {
    this(collector, clock, GovernancePolicy.DEFAULTS);
  }

  public TargetAssessor(EvidenceCollector collector, Clock clock, GovernancePolicy policy) {
    this.collector = collector;
    this.clock = clock;
    this.policy = policy;
    this.presence = new WorkloadPresence(collector.probes().kinds());
  }

  public Map<String, Evidence> platformEvidence(ClusterView cluster, ExternalSources external) {
    return collector.platform(cluster, external);
  }

  public TargetAssessment assess(MaturityTarget target, ModelSource models, ClusterView cluster, ExternalSources external,
      Map<String, Evidence> platform, PreviousEvaluation previous) {
    return assess(target, models, cluster, external, platform, m -> previous);
  }

  /** {@code previous} gets the resolved model, so a level measured against another model is not compared. */
  public TargetAssessment assess(MaturityTarget target, ModelSource models, ClusterView cluster, ExternalSources external,
      Map<String, Evidence> platform, Function<MaturityModelDefinition, PreviousEvaluation> previous) {
    MaturityTargetSpec spec = target.getSpec() == null ? new MaturityTargetSpec() : target.getSpec();
    String modelId = spec.model == null || spec.model.isBlank() ? MaturityTargetSpec.DEFAULT_MODEL : spec.model;
    ModelSource.Resolution resolution = models.resolve(modelId);
    Optional<MaturityModelDefinition> model = resolution.model();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<SpecProblem> problems = new ArrayList<>(TargetSpecValidator.validate(target.getSpec(), model, resolution.problem(), today));
    String ns = target.getMetadata().getNamespace();
    String name = target.getMetadata().getName();
    if (model.isEmpty() || problems.stream().anyMatch(SpecProblem::blocksEvaluation)) {
      return new TargetAssessment(ns, name, modelId, spec.targetLevel, problems, Optional.empty());
    }
    MaturityModelDefinition m = model.get();
    Map<String, Evidence> observed = ExercisedWindow.apply(m,
        collector.workload(WorkloadTarget.of(target), cluster, external, platform, m.capabilities()), clock.instant());
    TargetExceptions exceptions = policy.approvalRequired() || hasEntries(spec)
        ? ClusterExceptions.forTarget(cluster, ns, name) : TargetExceptions.none(ns, name);
    GovernedEvidence governed = EvidencePolicy.govern(m, observed, spec, policy, exceptions, today);
    int targetLevel = spec.targetLevel == null ? 0 : Math.max(0, Math.min(spec.targetLevel, m.topLevel()));
    LevelOutcome assessment = LevelEvaluator.evaluate(m, governed, targetLevel, previous.apply(m));
    // the workload is still evaluated: a typo in the selector reads as Ready=False, not as an immature workload
    presence.check(target, cluster).ifPresent(problems::add);
    return new TargetAssessment(ns, name, modelId, spec.targetLevel, problems, Optional.of(assessment));
  }

  private static boolean hasEntries(MaturityTargetSpec spec) {
    return (spec.waivers != null && !spec.waivers.isEmpty()) || (spec.notApplicable != null && !spec.notApplicable.isEmpty());
  }
}
