package dev.mlops.maturity.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.WorkloadTarget;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 finding 1: regular expressions from cluster data. A PromQL matcher of 150 alternatives
 * overflowed the stack of the old backtracking matcher, a {@code namespace=~".*.*...X"} matcher or a Rollout
 * dryRun metricName of {@code ".*"} x 40 + X backtracked for minutes; now the scan is linear and RE2/J
 * evaluates the patterns. Any probe's Error or overrun costs only its own capability.
 */
class HostileRegexTest {
  private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/part-of", "fraud-detector");
  private static final WorkloadTarget TARGET = new WorkloadTarget("fraud", "fraud-detector",
      new LabelSelectorBuilder().withMatchLabels(LABELS).build(), "fraud-detector", "default", "default", Duration.ofMinutes(5));
  private static final Duration QUICK = Duration.ofSeconds(5);

  private static Evidence evaluate(InMemoryClusterView cluster, String capability) {
    EvidenceCollector collector = new EvidenceCollector(ProbeSet.standard(), ProbeSettings.DEFAULTS, Clock.systemUTC());
    return collector.workload(TARGET, cluster, ExternalSources.NONE, Map.of(), Set.of(capability)).get(capability);
  }

  private static String rule(String expr) {
    return """
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata: {name: hostile, namespace: fraud}
        spec:
          groups:
          - name: g
            rules:
            - alert: Hostile
              expr: '%s'
        """.formatted(expr);
  }

  @Test
  void aMatcherOfOneHundredFiftyAlternativesIsReadWithoutOverflowingTheStack() {
    String alternatives = IntStream.range(0, 150).mapToObj(i -> "fraud-detector-pod-" + i).collect(Collectors.joining("|"));
    InMemoryClusterView cluster = new InMemoryClusterView().addYaml(rule("up{pod=~\"" + alternatives + "\", namespace=\"fraud\"} == 0"));

    Evidence e = assertTimeoutPreemptively(QUICK, () -> evaluate(cluster, "alerting"));

    assertThat(e.message()).doesNotContain("probe failed");
    assertThat(e.references()).anyMatch(r -> r.contains("fraud/hostile"));
  }

  @Test
  void aNamespaceRegexBuiltToBacktrackIsEvaluatedInLinearTime() {
    InMemoryClusterView cluster = new InMemoryClusterView().addYaml(rule("up{namespace=~\"" + ".*".repeat(200) + "X\"} == 0"));

    Evidence e = assertTimeoutPreemptively(QUICK, () -> evaluate(cluster, "alerting"));

    assertThat(e.state()).as(e.message()).isNotEqualTo(CapabilityState.Satisfied);
  }

  @Test
  void aRolloutDryRunPatternBuiltToBacktrackIsEvaluatedInLinearTime() throws Exception {
    // upstream shape: the repository's scenario serving/rollback-rollout-template-dry-run (Argo Rollouts docs' canary analysis)
    String yaml = Files.readString(Path.of(System.getProperty("project.root", ".."),
        "core/src/test/resources/scenarios/serving/rollback-rollout-template-dry-run/cluster.yaml"));
    InMemoryClusterView cluster = new InMemoryClusterView().addYaml(yaml.replace("- metricName: .*", "- metricName: '" + ".*".repeat(40) + "X'")
        .replace("name: success-rate\n    interval", "name: success-rate-of-the-canary-predictor\n    interval"));

    Evidence e = assertTimeoutPreemptively(QUICK, () -> evaluate(cluster, "self-healing-rollback"));

    assertThat(e.message()).doesNotContain("probe failed").doesNotContain("has no metric that can fail");
  }

  /** A probe that throws an Error, and one that never returns. */
  private record Hostile(String capability, boolean overflow) implements Probe {
    @Override
    public Set<ResourceKind> reads() {
      return Set.of();
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      if (overflow) {
        throw new StackOverflowError();
      }
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Evidence.satisfied(capability, "too late", java.util.List.of());
    }
  }

  @Test
  void anErrorOrAnOverrunInOneProbeMakesOnlyItsCapabilityUnknown() {
    ProbeSet probes = new ProbeSet(java.util.List.of(new Hostile("alerting", true), new Hostile("drift-monitoring", false),
        ProbeSet.standard().find("health-monitoring").orElseThrow()));
    EvidenceCollector collector = new EvidenceCollector(probes, ProbeSettings.DEFAULTS, Clock.systemUTC(), Duration.ofMillis(300));

    Map<String, Evidence> out = assertTimeoutPreemptively(QUICK, () -> collector.workload(TARGET, new InMemoryClusterView(),
        ExternalSources.NONE, Map.of(), new java.util.LinkedHashSet<>(java.util.List.of("alerting", "drift-monitoring", "health-monitoring"))));

    assertThat(out.get("alerting").state()).isEqualTo(CapabilityState.Unknown);
    assertThat(out.get("alerting").message()).contains("StackOverflowError");
    assertThat(out.get("drift-monitoring").state()).isEqualTo(CapabilityState.Unknown);
    assertThat(out.get("drift-monitoring").message()).contains("did not finish");
    assertThat(out.get("health-monitoring").message()).doesNotContain("probe failed");
  }
}
