package dev.mlops.maturity.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.maturity.config.BasicAuthRef;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.SecretKeyRef;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredPermissionsTest {
  private static final String NS = "mlops-system";

  @Test
  void readsEveryProbeKindClusterWideWhenAllNamespacesAreWatched() {
    Grants grants = RequiredPermissions.of(OperatorConfig.EMPTY, NS);

    for (ResourceKind kind : KindCatalogue.ALL) {
      assertThat(grants.clusterWide()).as(kind.displayName()).contains(
          Permission.on(kind.group(), kind.plural(), "get"),
          Permission.on(kind.group(), kind.plural(), "list"),
          Permission.on(kind.group(), kind.plural(), "watch"));
    }
    assertThat(grants.clusterWide()).contains(
        Permission.on("maturity.mlops.dev", "maturitytargets/status", "patch"),
        Permission.on("events.k8s.io", "events", "create"),
        Permission.on("", "events", "patch"),
        Permission.on("apiextensions.k8s.io", "customresourcedefinitions", "watch"));
    assertThat(grants.byNamespace()).containsOnlyKeys(NS);
  }

  @Test
  void grantsOnlyReadsOnProbeKindsAndNothingOnSecretsClusterWide() {
    Grants grants = RequiredPermissions.of(List.of(KindCatalogue.POD), OperatorConfig.EMPTY, NS);

    assertThat(grants.clusterWide()).filteredOn(p -> p.resource().equals("pods"))
        .extracting(Permission::verb).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(grants.clusterWide()).extracting(Permission::resource).doesNotContain("secrets", "deployments");
    assertThat(grants.clusterWide()).extracting(Permission::verb).containsOnly("get", "list", "watch", "patch", "update", "create");
    assertThat(grants.clusterWide()).filteredOn(p -> p.verb().equals("create")).extracting(Permission::resource)
        .containsOnly("events", "selfsubjectrulesreviews", "maturityledgers");
    assertThat(grants.clusterWide()).filteredOn(p -> p.verb().equals("update") || p.verb().equals("patch"))
        .extracting(Permission::resource).containsOnly("maturitytargets/status", "maturitymodels/status", "events", "maturityledgers");
  }

  @Test
  void ledgersAreWrittenWithCreateAndUpdateOnlyNeverPatchedOrDeleted() {
    Grants grants = RequiredPermissions.of(List.of(KindCatalogue.POD), OperatorConfig.EMPTY, NS);

    // the operator creates one ledger per target and updates it with optimistic locking; deletion is the garbage collector's
    assertThat(grants.clusterWide()).filteredOn(p -> p.resource().equals("maturityledgers")).extracting(Permission::verb)
        .containsExactlyInAnyOrder("get", "list", "watch", "create", "update");
  }

  @Test
  void theLeaderLeaseIsGrantedOnlyInTheOperatorNamespace() {
    Grants grants = RequiredPermissions.of(OperatorConfig.EMPTY, NS);

    assertThat(grants.inNamespace(NS)).containsExactlyInAnyOrder(
        Permission.on("coordination.k8s.io", "leases", "get"),
        Permission.on("coordination.k8s.io", "leases", "create"),
        Permission.on("coordination.k8s.io", "leases", "update"));
    assertThat(grants.clusterWide()).extracting(Permission::resource).doesNotContain("leases");
  }

  @Test
  void joSdksLeaseAccessCheckIsGrantedClusterWideInEveryMode() {
    Grants all = RequiredPermissions.of(List.of(KindCatalogue.POD), OperatorConfig.EMPTY, NS);
    Grants namespaced = RequiredPermissions.of(List.of(KindCatalogue.POD),
        new OperatorConfig(java.util.Map.of(), java.util.Map.of(), dev.mlops.maturity.probe.ProbeSettings.DEFAULTS, List.of("fraud")), NS);

    assertThat(all.clusterWide()).contains(Permission.on("authorization.k8s.io", "selfsubjectrulesreviews", "create"));
    assertThat(namespaced.clusterWide()).contains(Permission.on("authorization.k8s.io", "selfsubjectrulesreviews", "create"));
    assertThat(namespaced.byNamespace().values()).allSatisfy(p -> assertThat(p).extracting(Permission::resource)
        .doesNotContain("selfsubjectrulesreviews"));
  }

  @Test
  void tokenSecretsAreGrantedByNameInTheirNamespaceDefaultingToTheOperators() {
    OperatorConfig config = new OperatorConfig(
        Map.of("default", new Endpoint(URI.create("http://prometheus:9090"), new SecretKeyRef("prom-reader", null, "token"))),
        Map.of("default", new Endpoint(URI.create("http://mlflow:5000"), new SecretKeyRef("mlflow-reader", "mlflow", "token")),
            "open", new Endpoint(URI.create("http://mlflow-open:5000"), null),
            "basic", new Endpoint(URI.create("http://mlflow-basic:5000"), null,
                new BasicAuthRef("mlflow-basic", "mlflow", BasicAuthRef.USERNAME, BasicAuthRef.PASSWORD))),
        ProbeSettings.DEFAULTS, List.of());

    Grants grants = RequiredPermissions.of(config, NS);

    assertThat(grants.inNamespace(NS)).contains(new Permission("", "secrets", "get", "prom-reader"));
    assertThat(grants.inNamespace("mlflow")).containsExactly(new Permission("", "secrets", "get", "mlflow-basic"),
        new Permission("", "secrets", "get", "mlflow-reader"));
    assertThat(grants.clusterWide()).extracting(Permission::resource).doesNotContain("secrets");
  }

  @Test
  void openReportsAreGrantedOnlyWhenEnabledAndOnlyTheVerbsTheWriterUsesWhereTargetsLive() {
    OperatorConfig off = new OperatorConfig(Map.of(), Map.of(), ProbeSettings.DEFAULTS, List.of());
    OperatorConfig on = off.withReportsEnabled(true);
    OperatorConfig namespaced = new OperatorConfig(Map.of(), Map.of(), ProbeSettings.DEFAULTS, List.of("team-a")).withReportsEnabled(true);

    assertThat(RequiredPermissions.of(off, NS).clusterWide()).extracting(Permission::apiGroup).doesNotContain("openreports.io");
    assertThat(RequiredPermissions.of(on, NS).clusterWide()).filteredOn(p -> p.apiGroup().equals("openreports.io"))
        .containsExactlyInAnyOrder(Permission.on("openreports.io", "reports", "get"), Permission.on("openreports.io", "reports", "create"),
            Permission.on("openreports.io", "reports", "update"));
    Grants inNamespace = RequiredPermissions.of(namespaced, NS);
    assertThat(inNamespace.clusterWide()).extracting(Permission::apiGroup).doesNotContain("openreports.io");
    assertThat(inNamespace.inNamespace("team-a")).contains(Permission.on("openreports.io", "reports", "update"));
  }

  @Test
  void namespacedModeGrantsNamespacedKindsPerWatchedNamespace() {
    OperatorConfig config = new OperatorConfig(Map.of(), Map.of(), ProbeSettings.DEFAULTS, List.of("team-a", "team-b"));

    Grants grants = RequiredPermissions.of(config, NS);

    assertThat(grants.byNamespace()).containsOnlyKeys("team-a", "team-b", NS);
    assertThat(grants.inNamespace("team-a")).contains(
        Permission.on("", "pods", "list"), Permission.on("maturity.mlops.dev", "maturitytargets", "watch"),
        Permission.on("", "events", "create"));
    assertThat(grants.inNamespace("team-a")).isEqualTo(grants.inNamespace("team-b"));
    assertThat(grants.clusterWide()).contains(Permission.on("", "nodes", "list"), Permission.on("maturity.mlops.dev", "maturitymodels", "watch"))
        .extracting(Permission::resource).doesNotContain("pods", "maturitytargets", "events");
  }

  @Test
  void wildcardsCannotBeExpressed() {
    assertThatThrownBy(() -> Permission.on("*", "pods", "get")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Permission.on("", "*", "get")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Permission.on("", "pods", "*")).isInstanceOf(IllegalArgumentException.class);
  }
}
