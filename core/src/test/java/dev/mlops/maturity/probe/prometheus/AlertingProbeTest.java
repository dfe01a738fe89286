package dev.mlops.maturity.probe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertingProbeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', value = {
      "up{namespace=\"fraud\"} == 0                                        ; true",
      "up{namespace = \"fraud\", job=\"x\"} == 0                            ; true",
      "up{namespace='fraud'} == 0                                          ; true",
      "sum(rate(istio_requests_total{destination_workload_namespace=\"fraud\"}[5m])) > 1 ; true",
      "up{exported_namespace=\"fraud\"} == 0                               ; true",
      "up{namespace=~\"fraud|recsys\"} == 0                                ; true",
      "up{namespace=~\"fr.*\"} == 0                                        ; true",
      "up{namespace=\"fraud-staging\"} == 0                                ; false",
      "up{namespace!=\"fraud\"} == 0                                       ; false",
      "up{namespace!~\"fraud\"} == 0                                       ; false",
      "up{namespace=~\"recsys\"} == 0                                      ; false",
      "up{pod=\"fraud\"} == 0                                              ; false",
      "up{job=\"fraud-detector\"} == 0                                     ; true",
      "model_accuracy{model=\"fraud-detector\"} < 0.9                      ; true",
      "model_accuracy{model=\"fraud-detector-v2\"} < 0.9                   ; true",
      "model_accuracy{model=\"xfraud-detector\"} < 0.9                     ; false",
      "up{namespace=~\"(\"} == 0                                           ; false",
      "vector(1)                                                           ; false"})
  void recognisesExpressionsThatReferenceTheWorkload(String expr, boolean expected) {
    assertThat(AlertingProbe.references(expr.trim(), "fraud", Set.of("fraud-detector"))).isEqualTo(expected);
  }
}
