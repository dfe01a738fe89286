package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.rbac.Permission;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** reports.enabled: off by default; on, the configuration says so and only then are openreports.io reports granted. */
class HelmReportsTest {
  private static final Set<Permission> REPORT_RULES = Set.of(Permission.on("openreports.io", "reports", "get"),
      Permission.on("openreports.io", "reports", "create"), Permission.on("openreports.io", "reports", "update"));

  private static Stream<Permission> operatorPermissions(List<HasMetadata> objects) {
    return Stream.concat(HelmRbacTest.flatten(ChartFixture.operatorClusterRole(objects).getRules()).stream(),
        ChartFixture.ofType(objects, Role.class).stream().flatMap(r -> HelmRbacTest.flatten(r.getRules()).stream()));
  }

  @Test
  void byDefaultReportsAreOffAndNothingGrantsOpenReports() throws Exception {
    List<HasMetadata> objects = ChartFixture.render();

    assertThat(HelmRbacTest.renderedConfig(objects).reportsEnabled()).isFalse();
    assertThat(operatorPermissions(objects)).extracting(Permission::apiGroup).doesNotContain("openreports.io");
  }

  @Test
  void enabledTheConfigurationTurnsThemOnAndTheClusterRoleGrantsGetCreateUpdateOnly() throws Exception {
    List<HasMetadata> objects = ChartFixture.parse(ChartFixture.template(null, Map.of("reports.enabled", "true")));

    assertThat(HelmRbacTest.renderedConfig(objects).reportsEnabled()).isTrue();
    assertThat(operatorPermissions(objects).filter(p -> p.apiGroup().equals("openreports.io")))
        .containsExactlyInAnyOrderElementsOf(REPORT_RULES);
  }

  @Test
  void inNamespacedModeReportsAreGrantedInEachWatchedNamespaceOnly() {
    List<HasMetadata> objects = ChartFixture.render(ChartFixture.testValues("namespaced-values.yaml"));

    assertThat(HelmRbacTest.flatten(ChartFixture.operatorClusterRole(objects).getRules()))
        .extracting(Permission::apiGroup).doesNotContain("openreports.io");
    for (String namespace : List.of("fraud", "churn")) {
      assertThat(ChartFixture.ofType(objects, Role.class)).filteredOn(r -> r.getMetadata().getNamespace().equals(namespace))
          .flatExtracting(r -> HelmRbacTest.flatten(r.getRules())).containsAll(REPORT_RULES);
    }
  }
}
