package dev.mlops.maturity.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TektonCronTriggersTest {
  private static GenericKubernetesResource cronJob(String args) {
    return Serialization.unmarshal("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: hello, namespace: fraud}
        spec:
          schedule: "*/1 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - {name: hello, image: curlimages/curl, args: %s}
        """.formatted(args), GenericKubernetesResource.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "[curl, -X, POST, --data, '{}', 'el-cron-listener.fraud.svc.cluster.local:8080'] | cron-listener",
      "[curl, 'http://el-cron-listener:8080']                                          | cron-listener",
      "[curl, 'http://el-nightly.fraud:8080/']                                         | nightly",
      "[sh, -c, 'curl -X POST http://el-nightly.fraud.svc:8080']                       | nightly",
      "[curl, 'el-cron-listener.other-team.svc.cluster.local:8080']                    | ",
      "[curl, 'http://model-el-x:8080']                                                | ",
      "[curl, 'http://el-:8080']                                                       | ",
      "[echo, hello]                                                                   | "})
  void findsTheEventListenerServiceInTheSameNamespace(String args, String listener) {
    assertThat(TektonCronTriggers.listenerName(cronJob(args), "fraud").orElse(null)).isEqualTo(listener);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHugeArgumentIsScannedInLinearTime() {
    GenericKubernetesResource cron = cronJob("[placeholder]");
    java.util.Map<String, Object> container = (java.util.Map<String, Object>) dev.mlops.maturity.probe.Fields
        .list(cron, "spec", "jobTemplate", "spec", "template", "spec", "containers").get(0);
    container.put("args", java.util.List.of("el-".repeat(200_000), "http://el-x" + ".".repeat(200_000)));
    long start = System.nanoTime();
    // longer than a Service name can be: not a listener host; dots without a namespace: another namespace
    assertThat(TektonCronTriggers.listenerName(cron, "fraud").isEmpty()).isTrue();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }
}
