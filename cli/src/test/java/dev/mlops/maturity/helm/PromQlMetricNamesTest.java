package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

  @Test
  void findsSelectedMetricsButNotFunctionsLabelsOrKeywords() {
    assertThat(PromQlMetricNames.of(
        "histogram_quantile(0.95, sum by (le) (rate(mlops_maturity_evaluation_duration_seconds_bucket{job=~\"a.*\"}[5m])))"))
        .containsExactly("mlops_maturity_evaluation_duration_seconds_bucket");
    assertThat(PromQlMetricNames.of(
        "count_values(\"level\", mlops_maturity_observed_level{namespace=~\".*\"}) or on (namespace) vector(0) > bool 1e3"))
        .containsExactly("mlops_maturity_observed_level");
    assertThat(PromQlMetricNames.of("absent(up{job=~\".*mlops-maturity.*\"} == 1)")).containsExactly("up");
    assertThat(PromQlMetricNames.of("a_total offset 5m / ignoring(x) group_left(y) b_seconds"))
        .containsExactly("a_total", "b_seconds");
  }

  @Test
  void catchesAMetricTheOperatorDoesNotExport() {
    assertThat(PromQlMetricNames.of("sum(mlops_maturity_levels{namespace=\"a\"})"))
        .containsExactly("mlops_maturity_levels");
    assertThat(ExportedMetrics.queryable()).doesNotContain("mlops_maturity_levels");
  }
}
