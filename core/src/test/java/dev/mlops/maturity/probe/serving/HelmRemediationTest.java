package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** helm-controller's upgrade remediation defaults (fluxcd/helm-controller api/v2 helmrelease_types.go, PROBES.md e). */
class HelmRemediationTest {

  @ParameterizedTest(name = "{0} -> rolls back: {1}")
  @CsvSource(delimiter = '|', value = {
      "{}                                                    | false",
      "{retries: 0}                                          | false",
      "{retries: 3}                                          | true",
      "{retries: 3, strategy: rollback}                      | true",
      "{retries: 3, strategy: uninstall}                     | false",
      "{retries: 0, remediateLastFailure: true}              | true",
      "{retries: 3, remediateLastFailure: false}             | false",
      "{retries: -1}                                         | true",
      "{retries: \"2\"}                                      | true"})
  void rollsBackOnlyWhenTheLastFailedUpgradeIsRemediatedWithRollback(String remediation, boolean rollsBack) {
    assertThat(release("{remediation: " + remediation.trim() + "}").rollsBack()).isEqualTo(rollsBack);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{}                                      | no upgrade.remediation",
      "{remediation: {retries: 0}}             | retries 0 without remediateLastFailure",
      "{remediation: {retries: 3, strategy: uninstall}} | remediation strategy is uninstall, not rollback"})
  void saysWhyAFailedUpgradeIsNotRolledBack(String upgrade, String why) {
    assertThat(release(upgrade.trim()).whyNot()).contains(why.trim());
  }

  private static HelmRemediation release(String upgrade) {
    return new HelmRemediation(Serialization.unmarshal(
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: m, namespace: fraud}\nspec: {upgrade: " + upgrade + "}\n",
        GenericKubernetesResource.class));
  }
}
