package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.rbac.Grants;
import dev.mlops.maturity.rbac.Permission;
import dev.mlops.maturity.rbac.RequiredPermissions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart grants exactly what the code uses (RequiredPermissions over the probes' kinds): sufficient and minimal. */
class HelmRbacTest {

  static Stream<Arguments> valueFiles() {
    return Stream.of(
        Arguments.of("defaults", null),
        Arguments.of("all features", ChartFixture.testValues("all-features-values.yaml")),
        Arguments.of("namespaced", ChartFixture.testValues("namespaced-values.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueFiles")
  void theClusterRoleGrantsExactlyTheClusterWidePermissionsTheOperatorUses(String name, Path values) throws Exception {
    List<HasMetadata> objects = ChartFixture.render(values);
    Grants required = RequiredPermissions.of(renderedConfig(objects), ChartFixture.NAMESPACE);

    Set<Permission> granted = flatten(ChartFixture.operatorClusterRole(objects).getRules());

    assertThat(granted).as("missing from the ClusterRole").containsAll(required.clusterWide());
    assertThat(required.clusterWide()).as("granted but not used").containsAll(granted);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueFiles")
  void theRolesGrantExactlyTheNamespacedPermissionsTheOperatorUses(String name, Path values) throws Exception {
    List<HasMetadata> objects = ChartFixture.render(values);
    Grants required = RequiredPermissions.of(renderedConfig(objects), ChartFixture.NAMESPACE);

    Map<String, Set<Permission>> granted = new TreeMap<>();
    for (Role role : ChartFixture.ofType(objects, Role.class)) {
      granted.computeIfAbsent(role.getMetadata().getNamespace(), n -> new TreeSet<>()).addAll(flatten(role.getRules()));
    }

    assertThat(granted).isEqualTo(required.byNamespace());
  }

  @Test
  void everyKindAProbeReadsIsReadableClusterWideByDefault() throws Exception {
    List<HasMetadata> objects = ChartFixture.render();
    Set<Permission> granted = flatten(ChartFixture.operatorClusterRole(objects).getRules());

    for (ResourceKind kind : KindCatalogue.ALL) {
      for (String verb : List.of("get", "list", "watch")) {
        assertThat(granted).as("%s %s", verb, kind.displayName()).contains(Permission.on(kind.group(), kind.plural(), verb));
      }
    }
  }

  @Test
  void inNamespacedModeTheClusterRoleKeepsOnlyClusterScopedKinds() throws Exception {
    List<HasMetadata> objects = ChartFixture.render(ChartFixture.testValues("namespaced-values.yaml"));
    Set<Permission> clusterWide = flatten(ChartFixture.operatorClusterRole(objects).getRules());

    assertThat(clusterWide).extracting(Permission::resource).doesNotContain("pods", "deployments", "maturitytargets", "events");
    assertThat(clusterWide).extracting(Permission::resource).contains("nodes", "maturitymodels", "customresourcedefinitions");
    assertThat(ChartFixture.ofType(objects, Role.class)).extracting(r -> r.getMetadata().getNamespace())
        .contains("fraud", "churn", "mlflow", ChartFixture.NAMESPACE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueFiles")
  void noRuleUsesAWildcardOrGrantsSecretsBeyondTheNamedTokens(String name, Path values) {
    List<HasMetadata> objects = ChartFixture.render(values);
    List<PolicyRule> clusterRules = ChartFixture.operatorClusterRole(objects).getRules();
    List<PolicyRule> allRules = Stream.concat(
        clusterRules.stream(), ChartFixture.ofType(objects, Role.class).stream().flatMap(r -> r.getRules().stream())).toList();

    assertThat(allRules).allSatisfy(rule -> {
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*").allSatisfy(r -> assertThat(r).doesNotContain("*"));
      assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate", "delete", "deletecollection");
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
    });
    assertThat(clusterRules).allSatisfy(rule -> assertThat(rule.getResources()).doesNotContain("secrets"));
    assertThat(allRules).filteredOn(rule -> rule.getResources().contains("secrets")).allSatisfy(rule -> {
      assertThat(rule.getResources()).containsExactly("secrets");
      assertThat(rule.getVerbs()).containsExactly("get");
      assertThat(rule.getResourceNames()).isNotEmpty();
    });
  }

  @Test
  void tokenSecretsAreReadableOnlyByNameInTheirNamespace() throws Exception {
    List<HasMetadata> objects = ChartFixture.render(ChartFixture.testValues("all-features-values.yaml"));

    Map<String, Set<String>> secretsByNamespace = new TreeMap<>();
    for (Role role : ChartFixture.ofType(objects, Role.class)) {
      for (PolicyRule rule : role.getRules()) {
        if (rule.getResources().contains("secrets")) {
          secretsByNamespace.computeIfAbsent(role.getMetadata().getNamespace(), n -> new TreeSet<>()).addAll(rule.getResourceNames());
        }
      }
    }

    assertThat(secretsByNamespace).isEqualTo(Map.of(
        ChartFixture.NAMESPACE, Set.of("mlflow-reader", "thanos-reader"),
        "monitoring", Set.of("prometheus-basic-auth"),
        "research", Set.of("mlflow-research")));
  }

  @Test
  void withoutTokenSecretsNoRoleMentionsSecrets() {
    List<HasMetadata> objects = ChartFixture.render();

    assertThat(ChartFixture.ofType(objects, Role.class)).singleElement().satisfies(role -> {
      assertThat(role.getMetadata().getName()).endsWith("-leader-election");
      assertThat(flatten(role.getRules())).containsExactlyInAnyOrder(
          Permission.on("coordination.k8s.io", "leases", "get"),
          Permission.on("coordination.k8s.io", "leases", "create"),
          Permission.on("coordination.k8s.io", "leases", "update"));
    });
  }

  static OperatorConfig renderedConfig(List<HasMetadata> objects) throws Exception {
    ConfigMap config = ChartFixture.ofType(objects, ConfigMap.class).stream()
        .filter(cm -> cm.getData().containsKey("config.yaml"))
        .findFirst()
        .orElseThrow();
    return OperatorConfigLoader.parse(config.getData().get("config.yaml"));
  }

  /** Each (group, resource, verb[, name]) a list of rules grants. */
  static Set<Permission> flatten(Collection<PolicyRule> rules) {
    Set<Permission> out = new TreeSet<>();
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
          ? java.util.Collections.singletonList(null)
          : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            for (String resourceName : names) {
              out.add(new Permission(group, resource, verb, resourceName));
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void theOperatorOnlyReadsMaturityExceptionsAndTheApproverRoleIsTheOnlyOneThatCreatesThem() throws Exception {
    List<HasMetadata> objects = ChartFixture.render(ChartFixture.testValues("all-features-values.yaml"));
    Permission create = Permission.on("maturity.mlops.dev", "maturityexceptions", "create");

    Set<Permission> operator = flatten(ChartFixture.operatorClusterRole(objects).getRules());
    assertThat(operator).filteredOn(p -> p.resource().equals("maturityexceptions")).extracting(Permission::verb)
        .containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(RequiredPermissions.of(renderedConfig(objects), ChartFixture.NAMESPACE).clusterWide())
        .filteredOn(p -> p.resource().equals("maturityexceptions")).extracting(Permission::verb)
        .containsExactlyInAnyOrder("get", "list", "watch");
    List<String> creators = Stream.concat(ChartFixture.ofType(objects, ClusterRole.class).stream()
            .filter(r -> flatten(r.getRules()).contains(create)).map(r -> "ClusterRole/" + r.getMetadata().getName()),
        ChartFixture.ofType(objects, Role.class).stream()
            .filter(r -> flatten(r.getRules()).contains(create)).map(r -> "Role/" + r.getMetadata().getName())).toList();
    assertThat(creators).containsExactly("ClusterRole/" + ChartFixture.APPROVER_ROLE);
  }

  @Test
  void theApproverRoleIsBoundToNobodyUnlessTheValuesNameTheApprovers() {
    List<HasMetadata> defaults = ChartFixture.render();
    assertThat(ChartFixture.ofType(defaults, io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class))
        .noneMatch(b -> b.getRoleRef().getName().equals(ChartFixture.APPROVER_ROLE));

    List<HasMetadata> bound = ChartFixture.parse(ChartFixture.template(null, Map.of(
        "rbac.exceptionApprovers[0].kind", "Group", "rbac.exceptionApprovers[0].name", "platform-team",
        "rbac.exceptionApprovers[0].apiGroup", "rbac.authorization.k8s.io")));
    assertThat(ChartFixture.ofType(bound, io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class))
        .filteredOn(b -> b.getRoleRef().getName().equals(ChartFixture.APPROVER_ROLE))
        .singleElement().satisfies(b -> assertThat(b.getSubjects()).singleElement().satisfies(s -> {
          assertThat(s.getKind()).isEqualTo("Group");
          assertThat(s.getName()).isEqualTo("platform-team");
        }));
  }
}
