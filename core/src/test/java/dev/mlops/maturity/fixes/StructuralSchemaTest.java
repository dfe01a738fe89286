package dev.mlops.maturity.fixes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** The schema check that suggested manifests pass rejects what an API server with strict field validation rejects. */
class StructuralSchemaTest {
  private static GenericKubernetesResource parse(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  @Test
  void everyVendoredCrdLoadsAndNamesItsKind() {
    assertThat(UpstreamCrds.FILES).allSatisfy(f -> assertThat(StructuralSchema.load("/crds/upstream/" + f).kind()).isNotBlank());
    assertThat(UpstreamCrds.of("ServiceMonitor")).isPresent();
    assertThat(UpstreamCrds.of("VerticalPodAutoscaler")).isPresent();
  }

  @Test
  void aValidServiceMonitorPassesAndEachKindOfMistakeIsNamed() {
    StructuralSchema sm = UpstreamCrds.of("ServiceMonitor").orElseThrow();
    String valid = """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: m, namespace: n, labels: {release: x}}
        spec:
          selector: {matchLabels: {app: a}}
          endpoints: [{port: metrics, interval: 30s, path: /metrics, targetPort: 8080}]
        """;
    assertThat(sm.validate(parse(valid))).isEmpty();
    assertThat(sm.validate(parse(valid.replace("port: metrics", "prot: metrics")))).containsExactly("spec.endpoints[0].prot: unknown field");
    assertThat(sm.validate(parse(valid.replace("30s", "half a minute")))).singleElement().asString().contains("does not match");
    assertThat(sm.validate(parse(valid.replace("selector: {matchLabels: {app: a}}", "jobLabel: app"))))
        .containsExactly("spec: required field selector is missing");
    assertThat(sm.validate(parse(valid.replace("targetPort: 8080", "targetPort: [8080]")))).singleElement().asString()
        .contains("integer or a string");
  }

  @Test
  void anUnknownUpdateModeAndAMissingTargetRefAreRejected() {
    StructuralSchema vpa = UpstreamCrds.of("VerticalPodAutoscaler").orElseThrow();
    String valid = """
        apiVersion: autoscaling.k8s.io/v1
        kind: VerticalPodAutoscaler
        metadata: {name: v, namespace: n}
        spec:
          targetRef: {apiVersion: apps/v1, kind: Deployment, name: d}
          updatePolicy: {updateMode: InPlaceOrRecreate}
        """;
    assertThat(vpa.validate(parse(valid))).isEmpty();
    assertThat(vpa.validate(parse(valid.replace("InPlaceOrRecreate", "InPlaceIfYouCan")))).singleElement().asString().contains("is not one of");
    assertThat(vpa.validate(parse(valid.replace("targetRef: {apiVersion: apps/v1, kind: Deployment, name: d}", "recommenders: []"))))
        .containsExactly("spec: required field targetRef is missing");
    assertThat(vpa.validate(parse(valid.replace("autoscaling.k8s.io/v1", "autoscaling.k8s.io/v9")))).singleElement().asString()
        .contains("not served");
  }

  @Test
  void aCronWorkflowWithTheSingularScheduleOnlyIsRejectedAsArgoFourDoes() {
    StructuralSchema cron = UpstreamCrds.of("CronWorkflow").orElseThrow();
    String valid = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: c, namespace: n}
        spec:
          schedules: ["0 3 * * *"]
          workflowSpec: {workflowTemplateRef: {name: t}}
        """;
    assertThat(cron.validate(parse(valid))).isEmpty();
    assertThat(cron.validate(parse(valid.replace("schedules: [\"0 3 * * *\"]", "schedule: \"0 3 * * *\""))))
        .contains("spec: required field schedules is missing", "spec.schedule: unknown field");
  }
}
