package dev.mlops.maturity.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

class OverlayClusterViewTest {
  final InMemoryClusterView live = new InMemoryClusterView().addYaml("""
      apiVersion: argoproj.io/v1alpha1
      kind: CronWorkflow
      metadata: {name: nightly, namespace: fraud}
      spec: {schedules: ["0 2 * * *"]}
      status: {lastScheduledTime: "2026-11-22T01:00:00Z"}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: CronWorkflow
      metadata: {name: nightly, namespace: churn}
      spec: {schedules: ["0 3 * * *"]}
      """);

  Plan plan(String yaml) throws InvalidPlanException {
    return new Plan(new PlanReader("default").parse(yaml, "plan.yaml"));
  }

  @Test
  void replacesTheSameObjectKeepingItsLiveStatus() throws Exception {
    var view = new OverlayClusterView(live, plan("""
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly, namespace: fraud}
        spec: {schedules: ["0 2 * * *"], suspend: true}
        """));

    Listing fraud = view.list(KindCatalogue.CRON_WORKFLOW, "fraud");

    assertThat(fraud.items()).hasSize(1);
    GenericKubernetesResource replaced = fraud.items().get(0);
    assertThat(Fields.isTrue(replaced, "spec", "suspend")).isTrue();
    assertThat(Fields.string(replaced, "status", "lastScheduledTime")).contains("2026-11-22T01:00:00Z");
    assertThat(view.list(KindCatalogue.CRON_WORKFLOW, null).items()).as("churn's object of the same name stays").hasSize(2);
    assertThat(Fields.isTrue(live.list(KindCatalogue.CRON_WORKFLOW, "fraud").items().get(0), "spec", "suspend"))
        .as("the live view is untouched").isFalse();
  }

  @Test
  void createsAndDeletesInTheRightNamespaceOnly() throws Exception {
    var view = new OverlayClusterView(live, plan("""
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly, namespace: churn, annotations: {maturity.mlops.dev/plan: delete}}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: weekly, namespace: churn}
        spec: {schedules: ["0 4 * * 0"]}
        """));

    assertThat(view.list(KindCatalogue.CRON_WORKFLOW, "churn").items()).extracting(o -> o.getMetadata().getName()).containsExactly("weekly");
    assertThat(view.list(KindCatalogue.CRON_WORKFLOW, "fraud").items()).extracting(o -> o.getMetadata().getName()).containsExactly("nightly");
    assertThat(view.list(KindCatalogue.CRON_WORKFLOW, null).items()).hasSize(2);
  }

  @Test
  void aKindTheClusterDoesNotServeStaysUnserved() throws Exception {
    live.notInstalled(KindCatalogue.SERVICE_MONITOR);
    var view = new OverlayClusterView(live, plan("""
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: m, namespace: churn}
        spec: {selector: {matchLabels: {app: churn}}, endpoints: [{port: web}]}
        """));

    Listing monitors = view.list(KindCatalogue.SERVICE_MONITOR, "churn");

    assertThat(monitors.served()).isFalse();
    assertThat(monitors.items()).isEmpty();
  }
}
