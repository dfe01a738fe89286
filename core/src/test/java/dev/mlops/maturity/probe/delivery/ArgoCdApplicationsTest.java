package dev.mlops.maturity.probe.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.delivery.ArgoCdApplications.SyncMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgoCdApplicationsTest {

  static GenericKubernetesResource app(String syncPolicy) {
    return Serialization.unmarshal("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: fraud-serving, namespace: argocd}
        spec:
          destination: {server: "https://kubernetes.default.svc", namespace: fraud}
        %s
        """.formatted(syncPolicy), GenericKubernetesResource.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "'  syncPolicy: {automated: {}}'                                | AUTOMATED",
      "'  syncPolicy: {automated: {prune: true, selfHeal: true}}'     | AUTOMATED",
      "'  syncPolicy: {automated: {enabled: null}}'                   | AUTOMATED",
      "'  syncPolicy: {automated: {enabled: true}}'                   | AUTOMATED",
      "'  syncPolicy: {automated: {enabled: false, prune: true}}'     | AUTOMATED_DISABLED",
      "'  syncPolicy: {automated: {enabled: \"false\"}}'              | AUTOMATED_DISABLED",
      "'  syncPolicy: {syncOptions: [CreateNamespace=true]}'          | MANUAL",
      "'  syncPolicy: {automated: null}'                              | MANUAL",
      "''                                                             | MANUAL"})
  void readsTheSyncModeTreatingEnabledNullAsEnabled(String syncPolicy, SyncMode expected) {
    assertThat(ArgoCdApplications.syncMode(app(syncPolicy))).isEqualTo(expected);
  }

  static GenericKubernetesResource object(String annotation, String instanceLabel) {
    return Serialization.unmarshal("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: fraud-detector
          namespace: fraud
          labels: {app.kubernetes.io/instance: "%s"}
          annotations: {argocd.argoproj.io/tracking-id: "%s"}
        """.formatted(instanceLabel, annotation), GenericKubernetesResource.class);
  }

  @Test
  void tracksByAnnotationPrefixIncludingAppsInAnyNamespace() {
    GenericKubernetesResource app = app("");
    assertThat(ArgoCdApplications.tracking(app, object("fraud-serving:apps/Deployment:fraud/fraud-detector", ""))).isPresent();
    assertThat(ArgoCdApplications.tracking(app, object("argocd_fraud-serving:apps/Deployment:fraud/fraud-detector", ""))).isPresent();
    // another app whose name merely starts with the same characters
    assertThat(ArgoCdApplications.tracking(app, object("fraud-serving-canary:apps/Deployment:fraud/fraud-detector", ""))).isEmpty();
  }

  @Test
  void legacyInstanceLabelNeedsTheDestinationNamespace() {
    assertThat(ArgoCdApplications.tracking(app(""), object("", "fraud-serving"))).contains("label app.kubernetes.io/instance");
    GenericKubernetesResource elsewhere = app("");
    elsewhere.getAdditionalProperties().put("spec", java.util.Map.of("destination", java.util.Map.of("namespace", "churn")));
    assertThat(ArgoCdApplications.tracking(elsewhere, object("", "fraud-serving"))).isEmpty();
  }

  @Test
  void statusResourcesMatchOnKindNameNamespaceAndGroup() {
    GenericKubernetesResource app = Serialization.unmarshal("""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: a, namespace: argocd}
        status:
          resources:
          - {group: argoproj.io, version: v1alpha1, kind: Deployment, namespace: fraud, name: fraud-detector}
        """, GenericKubernetesResource.class);
    assertThat(ArgoCdApplications.listsResource(app, object("", ""))).as("same kind and name, other group").isFalse();
    app.getAdditionalProperties().put("status", java.util.Map.of("resources", java.util.List.of(
        java.util.Map.of("group", "apps", "kind", "Deployment", "namespace", "fraud", "name", "fraud-detector"))));
    assertThat(ArgoCdApplications.listsResource(app, object("", ""))).isTrue();
  }
}
