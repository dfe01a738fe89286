package dev.mlops.maturity.probe.governance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.WorkloadTarget;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromotionRbacProbeTest {
  static final WorkloadTarget TARGET = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(),
      "fraud-detector", "default", "default", Duration.ofMinutes(5));

  static final String WILDCARD_ROLE = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: anything, namespace: fraud}
      rules:
      - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
      """;

  static Evidence evaluate(InMemoryClusterView cluster) {
    return new PromotionRbacProbe().evaluate(new ProbeContext(TARGET, cluster, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED));
  }

  static String roleBinding(String name, String namespace, String subject, String roleKind, String role) {
    return """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: %s, namespace: %s}
        subjects:
        - %s
        roleRef: {kind: %s, name: %s, apiGroup: rbac.authorization.k8s.io}
        """.formatted(name, namespace, subject, roleKind, role);
  }

  @Test
  void wildcardRoleForEveryServiceAccountOfTheNamespaceIsBroad() {
    Evidence e = evaluate(new InMemoryClusterView().addYaml(WILDCARD_ROLE)
        .addYaml(roleBinding("all-sas", "fraud", "{kind: Group, name: \"system:serviceaccounts:fraud\", apiGroup: rbac.authorization.k8s.io}", "Role", "anything")));
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("RoleBinding fraud/all-sas lets Group system:serviceaccounts:fraud");
  }

  @Test
  void aServiceAccountWithAWildcardRoleIsAnExplicitGrant() {
    Evidence e = evaluate(new InMemoryClusterView().addYaml(WILDCARD_ROLE)
        .addYaml(roleBinding("deployer", "fraud", "{kind: ServiceAccount, name: deployer, namespace: ci}", "Role", "anything")));
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("ServiceAccount ci/deployer");
  }

  @Test
  void bindingsInOtherNamespacesDoNotCount() {
    Evidence e = evaluate(new InMemoryClusterView().addYaml(WILDCARD_ROLE.replace("namespace: fraud", "namespace: churn"))
        .addYaml(roleBinding("everyone", "churn", "{kind: Group, name: \"system:authenticated\", apiGroup: rbac.authorization.k8s.io}", "Role", "anything")));
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).contains("nobody is explicitly granted");
  }

  @Test
  void aRoleBindingCannotUseARoleOfAnotherNamespace() {
    Evidence e = evaluate(new InMemoryClusterView().addYaml(WILDCARD_ROLE.replace("namespace: fraud", "namespace: churn"))
        .addYaml(roleBinding("promoters", "fraud", "{kind: Group, name: ml-promoters, apiGroup: rbac.authorization.k8s.io}", "Role", "anything")));
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
  }

  @Test
  void aBroadBindingIsReportedEvenWhenOtherListsAreForbidden() {
    Evidence e = evaluate(new InMemoryClusterView().forbidden(KindCatalogue.CLUSTER_ROLE_BINDING).addYaml(WILDCARD_ROLE)
        .addYaml(roleBinding("everyone", "fraud", "{kind: Group, name: \"system:authenticated\", apiGroup: rbac.authorization.k8s.io}", "Role", "anything")));
    assertThat(e.state()).isEqualTo(CapabilityState.Missing);
    assertThat(e.references()).containsExactly("rbac.authorization.k8s.io/RoleBinding fraud/everyone");
  }

  @Test
  void aUserHoldingTheBuiltInEditRoleIsAnExplicitGrant() {
    Evidence e = evaluate(new InMemoryClusterView()
        .addYaml(roleBinding("alice-edit", "fraud", "{kind: User, name: alice@acme.example, apiGroup: rbac.authorization.k8s.io}", "ClusterRole", "edit")));
    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("User alice@acme.example");
  }
}
