package dev.mlops.maturity.helm;

import static dev.mlops.maturity.helm.ChartFixture.FULLNAME;
import static dev.mlops.maturity.helm.ChartFixture.YAML;
import static dev.mlops.maturity.helm.ChartFixture.chart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HelmChartTest {
  private static final Path ALL_FEATURES = ChartFixture.testValues("all-features-values.yaml");

  @Test
  void lintsCleanWithTheDefaultValues() {
    LintResult result = new Helm(chart()).lint().strict().call();

    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).allSatisfy(m -> assertThat(m).startsWith("[INFO]"));
  }

  @Test
  void lintsCleanWithEveryOptionalFeatureOn(@TempDir Path tmp) throws IOException {
    Path copy = chartWithValues(tmp, ALL_FEATURES);

    LintResult result = new Helm(copy).lint().strict().call();

    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
  }

  @Test
  void lintFailsWhenTheValuesHaveAnUnknownKey(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("bad-values.yaml");
    Files.writeString(bad, "replicaCount: 2\nreplicas: 3\n");
    Path copy = chartWithValues(tmp.resolve("chart"), bad);

    LintResult result = new Helm(copy).lint().call();

    assertThat(result.isFailed()).isTrue();
    assertThat(String.join("\n", result.getMessages())).contains("replicas");
  }

  @Test
  void rendersTheCoreObjectsWithTheDefaultValues() {
    List<HasMetadata> objects = ChartFixture.render();

    assertThat(kinds(objects)).containsExactlyInAnyOrder(
        "ServiceAccount", "ConfigMap", "ClusterRole", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service",
        "Deployment", "PodDisruptionBudget", "ClusterRole", "ClusterRole");
    assertThat(objects).allSatisfy(o -> assertThat(o).isNotInstanceOf(GenericKubernetesResource.class));
  }

  @Test
  void rendersEveryOptionalFeatureWhenSwitchedOn() {
    List<HasMetadata> objects = ChartFixture.render(ALL_FEATURES);

    assertThat(kinds(objects)).contains("NetworkPolicy", "ServiceMonitor", "PrometheusRule");
    assertThat(ChartFixture.single(objects, NetworkPolicy.class).getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    List<ConfigMap> dashboards = ChartFixture.ofType(objects, ConfigMap.class).stream()
        .filter(cm -> "1".equals(cm.getMetadata().getLabels().get("grafana_dashboard")))
        .toList();
    assertThat(dashboards).extracting(cm -> cm.getMetadata().getName()).containsExactlyInAnyOrder(
        FULLNAME + "-capability-matrix", FULLNAME + "-fleet-overview", FULLNAME + "-gpu-utilisation",
        FULLNAME + "-probe-health", FULLNAME + "-regressions");
    for (ConfigMap dashboard : dashboards) {
      assertThat(dashboard.getData()).hasSize(1);
      String fileName = dashboard.getData().keySet().iterator().next();
      assertThat(dashboard.getData().get(fileName))
          .as(fileName).isEqualTo(ChartFixture.read(chart().resolve("dashboards").resolve(fileName)).stripTrailing());
    }
  }

  static Stream<Arguments> valueFiles() {
    return Stream.of(
        Arguments.of("defaults", null),
        Arguments.of("all features", ALL_FEATURES),
        Arguments.of("namespaced", ChartFixture.testValues("namespaced-values.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueFiles")
  void everyRenderedDocumentIsAKubernetesObjectWithTheStandardLabels(String name, Path values) {
    List<HasMetadata> objects = ChartFixture.render(values);

    assertThat(objects).isNotEmpty().allSatisfy(o -> {
      assertThat(o.getApiVersion()).as("apiVersion").isNotBlank();
      assertThat(o.getKind()).as("kind").isNotBlank();
      assertThat(o.getMetadata().getName()).as("name of a %s", o.getKind()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
      assertThat(o.getMetadata().getLabels()).as("labels of %s %s", o.getKind(), o.getMetadata().getName())
          .containsEntry("app.kubernetes.io/name", "mlops-maturity-operator")
          .containsEntry("app.kubernetes.io/instance", ChartFixture.RELEASE)
          .containsEntry("app.kubernetes.io/version", "0.1.0")
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("helm.sh/chart", "mlops-maturity-operator-0.1.0");
    });
    assertThat(objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()))
        .as("no two objects with the same identity").doesNotHaveDuplicates();
  }

  @Test
  void theServiceAndTheServiceMonitorSelectTheOperatorPodsOnTheManagementPort() {
    List<HasMetadata> objects = ChartFixture.render(ALL_FEATURES);
    Deployment deployment = ChartFixture.single(objects, Deployment.class);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    Service service = ChartFixture.single(objects, Service.class);
    GenericKubernetesResource monitor = generic(objects, "ServiceMonitor");

    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(8080);
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("http-metrics");
    });
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(
        YAML.convertValue(monitor.get("spec", "selector", "matchLabels"), Map.class));
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("port", "http-metrics").containsEntry("path", "/metrics");
    });
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
  }

  @Test
  void theNetworkPolicyAdmitsOnlyTheScrapersOnTheManagementPort() {
    List<HasMetadata> objects = ChartFixture.render(ALL_FEATURES);
    NetworkPolicy policy = ChartFixture.single(objects, NetworkPolicy.class);

    assertThat(ChartFixture.single(objects, Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http-metrics"));
      assertThat(rule.getFrom()).singleElement().satisfies(peer ->
          assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "monitoring"));
    });
    assertThat(policy.getSpec().getEgress()).hasSize(1);

    NetworkPolicy ingressOnly = ChartFixture.single(
        ChartFixture.parse(ChartFixture.template(null, Map.of("networkPolicy.enabled", true))), NetworkPolicy.class);
    assertThat(ingressOnly.getSpec().getPolicyTypes()).as("egress stays open unless rules are given").containsExactly("Ingress");
  }

  @Test
  void anImageDigestWinsOverTheTag() {
    List<HasMetadata> objects = ChartFixture.parse(ChartFixture.template(null, Map.of(
        "image.repository", "registry.local/mlops-maturity-operator", "image.tag", "0.1.0-rc1",
        "image.digest", "sha256:" + "a".repeat(64))));

    assertThat(ChartFixture.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.local/mlops-maturity-operator@sha256:" + "a".repeat(64));
  }

  @Test
  void theServiceAccountIsTheOneTheDeploymentAndEveryBindingUse() {
    List<HasMetadata> objects = ChartFixture.render(ALL_FEATURES);
    String account = ChartFixture.single(objects, ServiceAccount.class).getMetadata().getName();

    assertThat(ChartFixture.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(account);
    Stream.concat(
            ChartFixture.ofType(objects, RoleBinding.class).stream().flatMap(b -> b.getSubjects().stream()),
            ChartFixture.ofType(objects, ClusterRoleBinding.class).stream().flatMap(b -> b.getSubjects().stream()))
        .forEach(s -> {
          assertThat(s.getKind()).isEqualTo("ServiceAccount");
          assertThat(s.getName()).isEqualTo(account);
          assertThat(s.getNamespace()).isEqualTo(ChartFixture.NAMESPACE);
        });
    Set<String> roles = ChartFixture.ofType(objects, Role.class).stream()
        .map(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).collect(Collectors.toSet());
    assertThat(ChartFixture.ofType(objects, RoleBinding.class))
        .allSatisfy(b -> assertThat(roles).contains(b.getMetadata().getNamespace() + "/" + b.getRoleRef().getName()));
    assertThat(ChartFixture.single(objects, ClusterRoleBinding.class).getRoleRef().getName())
        .isEqualTo(ChartFixture.operatorClusterRole(objects).getMetadata().getName());
  }

  @Test
  void aServiceAccountThatIsNotCreatedMustBeNamed() {
    assertThatThrownBy(() -> ChartFixture.template(null, Map.of("serviceAccount.create", false)))
        .hasMessageContaining("serviceAccount.name is required");

    List<HasMetadata> objects = ChartFixture.parse(
        ChartFixture.template(null, Map.of("serviceAccount.create", false, "serviceAccount.name", "platform-operator")));
    assertThat(ChartFixture.ofType(objects, ServiceAccount.class)).isEmpty();
    assertThat(ChartFixture.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("platform-operator");
  }

  @Test
  void optionalObjectsCanBeSwitchedOff() {
    List<HasMetadata> objects = ChartFixture.parse(
        ChartFixture.template(null, Map.of("rbac.create", false, "podDisruptionBudget.enabled", false)));

    assertThat(kinds(objects)).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment");
    assertThat(ChartFixture.ofType(objects, PodDisruptionBudget.class)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "replicas=3",                                            // unknown top-level key
      "image.tagg=v1",                                         // unknown nested key
      "config.integrations.prometheus.default.urll=http://p:9090", // unknown key in an endpoint
      "config.thresholds.gpuUtilisationPercentage=70",         // misspelt threshold
      "prometheusRule.for=2h"})                                // unknown key in an optional feature
  void theSchemaRejectsUnknownKeys(String set) {
    String[] kv = set.split("=", 2);

    assertThatThrownBy(() -> ChartFixture.template(null, Map.of(kv[0], kv[1])))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(kv[0].substring(kv[0].lastIndexOf('.') + 1));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("wrongTypes")
  void theSchemaRejectsValuesOfTheWrongTypeOrRange(String key, String yaml, @TempDir Path tmp) throws IOException {
    Path values = tmp.resolve("values.yaml");
    Files.writeString(values, yaml);

    assertThatThrownBy(() -> ChartFixture.template(values, Map.of()))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(key);
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("replicaCount", "replicaCount: two\n"),
        Arguments.of("replicaCount", "replicaCount: 0\n"),
        Arguments.of("gpuUtilisationPercent", "config:\n  thresholds:\n    gpuUtilisationPercent: sixty\n"),
        Arguments.of("gpuUtilisationPercent", "config:\n  thresholds:\n    gpuUtilisationPercent: 150\n"),
        Arguments.of("url", "config:\n  integrations:\n    prometheus:\n      default:\n        url: prometheus:9090\n"),
        Arguments.of("key", "config:\n  integrations:\n    mlflow:\n      default:\n        url: http://mlflow:5000\n"
            + "        tokenSecretRef: {name: mlflow-reader}\n"),
        Arguments.of("watchNamespaces", "config:\n  watchNamespaces: team-a\n"),
        Arguments.of("enabled", "serviceMonitor:\n  enabled: \"yes\"\n"),
        Arguments.of("pullPolicy", "image:\n  pullPolicy: Sometimes\n"),
        Arguments.of("/config/integrations/mlflow/default", "config:\n  integrations:\n    mlflow:\n      default:\n        url: http://mlflow:5000\n"
            + "        tokenSecretRef: {name: t, key: token}\n        basicAuthSecretRef: {name: b}\n"),
        Arguments.of("name", "config:\n  integrations:\n    mlflow:\n      default:\n        url: http://mlflow:5000\n"
            + "        basicAuthSecretRef: {namespace: mlflow}\n"),
        Arguments.of("watchOutageGrace", "watchOutageGrace: a minute\n"),
        Arguments.of("watchOutageGrace", "watchOutageGrace: 60\n"));
  }

  @Test
  void thePrometheusRuleRendersTheRulesOfThePlainRuleFile() throws IOException {
    List<HasMetadata> objects = ChartFixture.render(ALL_FEATURES);
    JsonNode rendered = YAML.valueToTree(generic(objects, "PrometheusRule").getAdditionalProperties().get("spec"));
    ObjectNode plain = (ObjectNode) YAML.readTree(chart().resolve("files/alerts.yaml").toFile());

    // the values change exactly two things: BelowTarget's duration and the runbook page
    for (JsonNode rule : plain.path("groups").get(0).path("rules")) {
      ObjectNode r = (ObjectNode) rule;
      if ("MLOpsMaturityBelowTarget".equals(r.path("alert").asText())) {
        r.put("for", "2h");
      }
      ObjectNode annotations = (ObjectNode) r.path("annotations");
      String anchor = annotations.path("runbook_url").asText().replaceAll("^[^#]*", "");
      annotations.put("runbook_url", "https://runbooks.example.org/mlops-maturity.html" + anchor);
    }
    assertThat(rendered).isEqualTo(plain);
  }

  @Test
  void thePrometheusRuleWithDefaultValuesIsThePlainRuleFile() throws IOException {
    List<HasMetadata> objects = ChartFixture.parse(ChartFixture.template(null, Map.of("prometheusRule.enabled", true)));
    JsonNode rendered = YAML.valueToTree(generic(objects, "PrometheusRule").getAdditionalProperties().get("spec"));

    assertThat(rendered).isEqualTo(YAML.readTree(chart().resolve("files/alerts.yaml").toFile()));
  }

  @Test
  void notesTellHowToReadTheLevels() {
    String notes = ChartFixture.read(chart().resolve("templates/NOTES.txt"));

    assertThat(notes).contains("kubectl get maturitytargets");
  }

  private static GenericKubernetesResource generic(List<HasMetadata> objects, String kind) {
    return ChartFixture.ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> kind.equals(o.getKind()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
  }

  private static List<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(HasMetadata::getKind).toList();
  }

  /** A copy of the chart whose values.yaml is the defaults deep-merged with the given file (lint takes no values). */
  private static Path chartWithValues(Path tmp, Path valuesFile) throws IOException {
    Path copy = tmp.resolve("mlops-maturity-operator");
    try (Stream<Path> files = Files.walk(chart())) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(chart().relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    ObjectNode defaults = (ObjectNode) YAML.readTree(chart().resolve("values.yaml").toFile());
    merge(defaults, (ObjectNode) YAML.readTree(valuesFile.toFile()));
    YAML.writeValue(copy.resolve("values.yaml").toFile(), defaults);
    return copy;
  }

  private static void merge(ObjectNode into, ObjectNode from) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject() && into.path(e.getKey()).isObject()) {
        merge((ObjectNode) into.get(e.getKey()), (ObjectNode) e.getValue());
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }
}
