package dev.mlops.maturity.probe.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class PodTemplateReferencesTest {
  static GenericKubernetesResource yaml(String text) {
    return Serialization.unmarshal(text, GenericKubernetesResource.class);
  }

  @Test
  void inferenceServicePredictorModelEnvAndProjectedVolumes() {
    GenericKubernetesResource isvc = yaml("""
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: fraud-detector, namespace: fraud}
        spec:
          predictor:
            model:
              modelFormat: {name: sklearn}
              env:
              - name: FEAST_REGISTRY
                valueFrom: {configMapKeyRef: {name: feast-fraud-client, key: feature_store.yaml}}
            volumes:
            - name: settings
              projected:
                sources:
                - configMap: {name: fraud-settings}
          transformer:
            containers:
            - name: transformer
              image: ghcr.io/acme/fraud-transformer:1
              envFrom:
              - configMapRef: {name: transformer-config}
        """);
    assertThat(PodTemplateReferences.ofServing(isvc).configMaps()).containsExactlyInAnyOrder("feast-fraud-client", "fraud-settings", "transformer-config");
  }

  @Test
  void cronWorkflowScriptAndContainerSetTemplates() {
    GenericKubernetesResource cron = yaml("""
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: fraud-retrain, namespace: fraud}
        spec:
          schedules: ["0 3 * * *"]
          workflowSpec:
            entrypoint: train
            templates:
            - name: features
              script:
                image: python:3.12
                source: print(1)
                envFrom:
                - configMapRef: {name: feast-fraud-client}
            - name: train
              containerSet:
                containers:
                - name: main
                  image: ghcr.io/acme/train:1
                  envFrom:
                  - configMapRef: {name: train-settings}
        """);
    assertThat(PodTemplateReferences.ofTraining(cron).configMaps()).containsExactlyInAnyOrder("feast-fraud-client", "train-settings");
  }

  @Test
  void tektonInlineTaskSpecsOnly() {
    GenericKubernetesResource pipeline = yaml("""
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: {name: fraud-train, namespace: fraud}
        spec:
          tasks:
          - name: fetch
            taskRef: {name: git-clone}
          - name: train
            taskSpec:
              volumes:
              - name: feast
                configMap: {name: feast-fraud-client}
              steps:
              - name: train
                image: ghcr.io/acme/train:1
        """);
    assertThat(PodTemplateReferences.ofTraining(pipeline).configMaps()).containsExactly("feast-fraud-client");
  }

  @Test
  void envValuesNameTheRegistryService() {
    GenericKubernetesResource deployment = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: fraud-detector, namespace: fraud}
        spec:
          template:
            spec:
              containers:
              - name: server
                image: ghcr.io/acme/fraud-detector:7
                env:
                - {name: FEAST_REGISTRY, value: "feast-fraud-registry.fraud.svc.cluster.local:80"}
        """);
    PodTemplateReferences refs = PodTemplateReferences.ofServing(deployment);
    assertThat(refs.mentions("feast-fraud-registry")).isTrue();
    assertThat(refs.mentions("feast-churn-registry")).isFalse();
    assertThat(refs.mentions(null)).isFalse();
    assertThat(refs.configMaps()).isEmpty();
  }
}
