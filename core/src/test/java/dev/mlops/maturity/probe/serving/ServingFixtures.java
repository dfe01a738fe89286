package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.WorkloadTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;

/** Small builders for the focused serving tests (the golden scenarios hold the full upstream shapes). */
final class ServingFixtures {
  static final WorkloadTarget FRAUD = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(),
      "fraud-detector", "default", "default", Duration.ofMinutes(5));

  private ServingFixtures() {}

  static GenericKubernetesResource yaml(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  static Evidence evaluate(Probe probe, InMemoryClusterView cluster) {
    WorkloadTarget target = probe.scope() == Scope.PLATFORM ? null : FRAUD;
    return probe.evaluate(new ProbeContext(target, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
  }

  static Evidence evaluate(Probe probe, String... objects) {
    InMemoryClusterView cluster = new InMemoryClusterView();
    for (String o : objects) {
      cluster.addYaml(o);
    }
    return evaluate(probe, cluster);
  }

  static String isvc(String predictorFields, String annotations) {
    return """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: fraud-detector
          namespace: fraud
          annotations: %s
        spec:
          predictor:
        %s
            model:
              modelFormat: {name: sklearn}
              storageUri: gs://acme-models/fraud-detector/v8
        """.formatted(annotations, predictorFields.indent(4).stripTrailing());
  }

  static String virtualService(String http) {
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: fraud-detector
          namespace: fraud
          labels: {app.kubernetes.io/part-of: fraud-detector}
        spec:
          hosts: [fraud-detector]
          http:
        %s""".formatted(http.indent(2));
  }

  static String rollout(String canary) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata:
          name: fraud-detector
          namespace: fraud
          labels: {app.kubernetes.io/part-of: fraud-detector}
        spec:
          selector: {matchLabels: {app.kubernetes.io/name: fraud-detector}}
          strategy:
            canary:
        %s""".formatted(canary.indent(6));
  }
}
