package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart behaves like the charts platform engineers already know (issue 17, "The chart"). */
class ChartConventionsTest {

  @ParameterizedTest(name = "replicaCount={0}")
  @ValueSource(ints = {1, 2, 3})
  void aDisruptionBudgetIsRenderedOnlyWhenItCannotBlockADrain(int replicas) {
    List<HasMetadata> objects = ChartFixture.parse(ChartFixture.template(null, Map.of("replicaCount", replicas)));

    assertThat(ChartFixture.ofType(objects, PodDisruptionBudget.class)).hasSize(replicas > 1 ? 1 : 0);
  }

  /**
   * The job label Prometheus gives the operator's series is the value of the Service label the ServiceMonitor's
   * jobLabel names; OperatorDown must see that job as up whatever the release's name overrides are.
   */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"none,", "nameOverride,maturity", "fullnameOverride,platform-maturity", "nameOverride,mmo"})
  void operatorDownStaysSilentWhileTheOperatorIsScrapedUnderAnyNameOverride(String key, String value, @TempDir Path tmp)
      throws IOException {
    Map<String, Object> sets = new LinkedHashMap<>(Map.of("serviceMonitor.enabled", true, "prometheusRule.enabled", true));
    if (!"none".equals(key)) {
      sets.put(key, value);
    }
    List<HasMetadata> objects = ChartFixture.parse(ChartFixture.template(null, sets));
    String job = scrapedJob(objects);
    JsonNode groups = renderedRuleGroups(objects);
    Files.writeString(tmp.resolve("rules.yaml"), ChartFixture.YAML.writeValueAsString(groups));
    JsonNode annotations = groups.findValues("rules").stream().flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false))
        .filter(r -> "MLOpsMaturityOperatorDown".equals(r.path("alert").asText())).findFirst().orElseThrow().path("annotations");
    // the series carry no cluster label, so the template's cluster clause renders empty
    String expectedAnnotations = annotations.toString().replaceAll("\\{\\{ with \\$labels\\.cluster \\}\\}.*?\\{\\{ end \\}\\}", "");
    Files.writeString(tmp.resolve("test.yaml"), """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'up{job="%1$s",instance="10.0.0.1:8080"}'
                values: '1x40'
              - series: 'up{job="%1$s",instance="10.0.0.2:8080"}'
                values: '0x40'
            alert_rule_test:
              - eval_time: 30m
                alertname: MLOpsMaturityOperatorDown
                exp_alerts: []
          - interval: 1m
            input_series:
              - series: 'up{job="%1$s",instance="10.0.0.1:8080"}'
                values: '0x40'
            alert_rule_test:
              - eval_time: 30m
                alertname: MLOpsMaturityOperatorDown
                exp_alerts:
                  - exp_labels: {severity: warning}
                    exp_annotations: %2$s
        """.formatted(job, expectedAnnotations));

    Promtool.Result result = Promtool.run(tmp, "test", "rules", "test.yaml");

    assertThat(result.exitCode()).as("promtool with job=%s:%n%s", job, result.output()).isZero();
  }

  @Test
  void securityContextsAreRestrictedByDefaultAndOverridableForOpenShift() {
    Map<String, Object> openShift = Map.of(
        "podSecurityContext.runAsUser", "null", "podSecurityContext.runAsGroup", "null", "podSecurityContext.fsGroup", "null",
        "securityContext.runAsUser", "null", "securityContext.runAsGroup", "null");
    PodSpec pod = deployment(ChartFixture.parse(ChartFixture.template(null, openShift))).getSpec().getTemplate().getSpec();

    assertThat(pod.getSecurityContext().getRunAsUser()).as("OpenShift assigns the UID").isNull();
    assertThat(pod.getSecurityContext().getFsGroup()).isNull();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("the rest of the restricted profile is kept").isTrue();
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getRunAsUser()).isNull();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void extraArgumentsReachTheRunCommandAndExtraEnvTheContainer() {
    List<HasMetadata> objects = ChartFixture.parse(ChartFixture.template(null, Map.of(
        "extraArgs[0]", "--namespaces", "extraArgs[1]", "fraud,churn",
        "extraEnv[0].name", "HTTPS_PROXY", "extraEnv[0].value", "http://proxy.internal:3128")));

    DeploymentArgs args = DeploymentArgs.of(objects);
    assertThat(args.args()).endsWith("--namespaces", "fraud,churn");
    assertThat(args.parsed().matchedOptionValue("--namespaces", List.of())).isEqualTo(List.of("fraud", "churn"));
    assertThat(args.container().getEnv()).extracting(EnvVar::getName).contains("HTTPS_PROXY", "JAVA_TOOL_OPTIONS");
  }

  @Test
  void logFormatJsonAndLogLevelReachTheContainerAndOtherFormatsAreRefused() {
    DeploymentArgs defaults = DeploymentArgs.of(ChartFixture.render());
    assertThat(defaults.container().getEnv()).contains(new EnvVar("LOG_FORMAT", "text", null), new EnvVar("LOG_LEVEL", "info", null));

    DeploymentArgs json = DeploymentArgs.of(ChartFixture.parse(ChartFixture.template(null, Map.of("logFormat", "json", "logLevel", "debug"))));
    assertThat(json.container().getEnv()).contains(new EnvVar("LOG_FORMAT", "json", null), new EnvVar("LOG_LEVEL", "debug", null));
    assertThat(json.container().getEnv()).filteredOn(e -> "JAVA_TOOL_OPTIONS".equals(e.getName())).singleElement()
        .satisfies(e -> assertThat(e.getValue()).doesNotContain("simpleLogger"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChartFixture.template(null, Map.of("logFormat", "xml")))
        .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining("logFormat");
  }

  @Test
  void teamsWithEditCanApplyTargetsAndViewCanReadThemWhileTheOperatorCannotChangeThem() {
    List<HasMetadata> objects = ChartFixture.render();
    ClusterRole edit = ChartFixture.named(objects, ClusterRole.class, ChartFixture.FULLNAME + "-edit");
    ClusterRole view = ChartFixture.named(objects, ClusterRole.class, ChartFixture.FULLNAME + "-view");

    assertThat(edit.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
    assertThat(edit.getRules()).anySatisfy(r -> assertThat(r.getResources()).contains("maturitytargets"))
        .flatExtracting(PolicyRule::getVerbs).contains("create", "update", "delete");
    assertThat(view.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
    assertThat(view.getRules()).flatExtracting(PolicyRule::getVerbs).containsOnly("get", "list", "watch");
    assertThat(view.getRules()).flatExtracting(PolicyRule::getResources).contains("maturitytargets", "maturitymodels");

    assertThat(ChartFixture.operatorClusterRole(objects).getRules())
        .filteredOn(r -> r.getResources().contains("maturitytargets"))
        .flatExtracting(PolicyRule::getVerbs).as("no finalizer, so the operator never patches a target itself")
        .containsOnly("get", "list", "watch");

    List<HasMetadata> without = ChartFixture.parse(ChartFixture.template(null, Map.of("rbac.aggregateToDefaultRoles", false)));
    assertThat(ChartFixture.ofType(without, ClusterRole.class)).extracting(r -> r.getMetadata().getName())
        .doesNotContain(ChartFixture.FULLNAME + "-edit", ChartFixture.FULLNAME + "-view");
  }

  private static Deployment deployment(List<HasMetadata> objects) {
    return ChartFixture.single(objects, Deployment.class);
  }

  private static String scrapedJob(List<HasMetadata> objects) {
    GenericKubernetesResource monitor = ChartFixture.ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> "ServiceMonitor".equals(o.getKind())).findFirst().orElseThrow();
    Object jobLabel = ((Map<?, ?>) monitor.getAdditionalProperties().get("spec")).get("jobLabel");
    Service service = ChartFixture.single(objects, Service.class);
    return jobLabel == null ? service.getMetadata().getName() : service.getMetadata().getLabels().get(jobLabel.toString());
  }

  private static JsonNode renderedRuleGroups(List<HasMetadata> objects) {
    GenericKubernetesResource rule = ChartFixture.ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> "PrometheusRule".equals(o.getKind())).findFirst().orElseThrow();
    ObjectNode groups = ChartFixture.YAML.createObjectNode();
    groups.set("groups", ChartFixture.YAML.valueToTree(((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups")));
    return groups;
  }
}
