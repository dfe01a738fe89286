package dev.mlops.maturity.probe.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacRulesTest {

  static Map<String, Object> rule(String groups, String resources, String verbs) {
    return Map.of("apiGroups", split(groups), "resources", split(resources), "verbs", split(verbs));
  }

  static List<String> split(String s) {
    return s.isBlank() ? List.of() : Arrays.stream(s.split(" ")).toList();
  }

  @ParameterizedTest(name = "[{0}] [{1}] [{2}] -> {3}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "serving.kserve.io | inferenceservices          | get list patch | patch inferenceservices.serving.kserve.io",
      "*                 | *                          | *              | *",
      "*                 | inferenceservices          | update         | update inferenceservices.serving.kserve.io",
      "serving.kserve.io | *                          | delete         | delete inferenceservices.serving.kserve.io",
      "argoproj.io       | rollouts/status            | patch          | patch rollouts/status.argoproj.io",
      "apps              | deployments                | create         | create deployments.apps",
      "flagger.app       | canaries                   | *              | * canaries.flagger.app",
      "mlops.seldon.io   | experiments                | patch          | patch experiments.mlops.seldon.io",
      "serving.kserve.io | inferenceservices          | get list watch | none",
      "''                | *                          | *              | none",
      "apps              | statefulsets daemonsets    | *              | none",
      "argoproj.io       | workflows applications     | create         | none",
      "serving.kserve.io | inferenceservices          | deletecollection | none"})
  void findsWritesOnServingResourcesWithWildcards(String groups, String resources, String verbs, String expected) {
    String got = RbacRules.servingWrite(rule(groups.equals("''") ? "" : groups, resources, verbs)).orElse(null);
    if (expected == null) {
      assertThat(got).isNull();
    } else if (expected.equals("*")) {
      assertThat(got).isNotNull().startsWith("* ");
    } else {
      assertThat(got).isEqualTo(expected);
    }
  }

  @org.junit.jupiter.api.Test
  void nonResourceRulesGrantNothing() {
    assertThat(RbacRules.servingWrite(Map.of("nonResourceURLs", List.of("*"), "verbs", List.of("*")))).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void broadSubjects() {
    assertThat(PromotionRbacProbe.broad("Group", "system:authenticated")).isTrue();
    assertThat(PromotionRbacProbe.broad("Group", "system:serviceaccounts")).isTrue();
    assertThat(PromotionRbacProbe.broad("Group", "system:serviceaccounts:fraud")).isTrue();
    assertThat(PromotionRbacProbe.broad("User", "system:anonymous")).isTrue();
    assertThat(PromotionRbacProbe.broad("Group", "ml-promoters")).isFalse();
    assertThat(PromotionRbacProbe.broad("ServiceAccount", "system:serviceaccounts")).isFalse();
  }
}
