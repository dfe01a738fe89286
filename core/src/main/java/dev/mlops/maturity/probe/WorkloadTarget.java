package dev.mlops.maturity.probe;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.evaluation.EvaluationInterval;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.time.Duration;

/** What the probes need to know about one target: where, which objects, which registry model, which endpoints. */
public record WorkloadTarget(
    String namespace, String name, LabelSelector selector, String registeredModel,
    String prometheusEndpoint, String mlflowEndpoint, Duration evaluationInterval) {

  public static final String DEFAULT_ENDPOINT = "default";

  public static WorkloadTarget of(MaturityTarget target) {
    MaturityTargetSpec spec = target.getSpec();
    String name = target.getMetadata().getName();
    LabelSelector selector = spec.workload == null ? null : spec.workload.selector;
    String model = spec.workload == null || spec.workload.registeredModel == null ? name : spec.workload.registeredModel;
    String prometheus = spec.integrations == null || spec.integrations.prometheus == null ? DEFAULT_ENDPOINT : spec.integrations.prometheus;
    String mlflow = spec.integrations == null || spec.integrations.mlflow == null ? DEFAULT_ENDPOINT : spec.integrations.mlflow;
    return new WorkloadTarget(target.getMetadata().getNamespace(), name, selector, model, prometheus, mlflow,
        EvaluationInterval.effective(spec.evaluationInterval));
  }
}
