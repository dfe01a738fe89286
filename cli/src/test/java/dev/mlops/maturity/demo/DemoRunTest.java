package dev.mlops.maturity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.cli.MaturityCommand;
import dev.mlops.maturity.evidence.UnknownReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The real operator against the demo cluster: every team converges to its documented level, then the regression shows. */
class DemoRunTest {
  static final Map<String, Integer> EXPECTED = Map.of("churn", 0, "recsys", 1, "fraud", 2, "pricing", 3, "search", 4, "ads", 1);

  @Test
  void demoOnceConvergesToTheDocumentedLevelsAndShowsTheRegression() {
    StringWriter text = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(text, true));
    int exit = cli.execute("demo", "--once", "--metrics-port", "0", "--timeout", "60");
    String out = text.toString();

    assertThat(exit).as(out).isZero();
    assertThat(out).contains("all 6 targets converged", "fraud/fraud-detector regressed 2 (Automated) -> 1 (Managed)",
        "event Warning LevelRegressed fraud/fraud-detector",
        "metric mlops_maturity_level_regressions_total{namespace=\"fraud\",target=\"fraud-detector\"}: 0 -> 1");
    // the table printed at convergence (before the regression) has the documented levels
    String converged = out.substring(0, out.indexOf("all 6 targets converged"));
    String lastTable = converged.substring(converged.lastIndexOf("levels:"));
    EXPECTED.forEach((ns, level) -> assertThat(lastTable).as(out).containsPattern("(?m)^\\s+" + ns + "\\s+\\S+\\s+\\S+\\s+\\d+\\s+" + level + "\\s"));
  }

  @Test
  void operatorStatusMatchesTheDirectAssessmentForEveryTeam() throws Exception {
    StringWriter text = new StringWriter();
    try (DemoRun demo = new DemoRun(new PrintWriter(text, true), java.time.Duration.ofSeconds(60))) {
      demo.start(0);
      assertThat(demo.awaitConvergence()).as(text.toString()).isTrue();
      Map<String, Integer> levels = new TreeMap<>();
      StringBuilder why = new StringBuilder();
      for (MaturityTarget t : demo.targets()) {
        levels.put(t.getMetadata().getNamespace(), t.getStatus().observedLevel);
        why.append(t.getMetadata().getNamespace()).append(": ").append(t.getStatus().capabilities.stream()
            .filter(c -> c.state != null && !c.state.holds() && !Boolean.TRUE.equals(c.recommended))
            .map(c -> c.id + "=" + c.state + "(" + c.message + ")").collect(Collectors.joining("; "))).append('\n');
        assertThat(t.getStatus().conditions).extracting(c -> c.getType()).contains("Ready", "TargetMet", "Regressed", "Degraded");
      }
      assertThat(levels).as(why.toString()).containsExactlyInAnyOrderEntriesOf(EXPECTED);
    }
  }

  /** Without MLflow configured, the MLflow capabilities are Unknown "NotConfigured": no target is Degraded, nothing counts as a probe error. */
  @Test
  void withoutMlflowConfiguredNoTargetIsDegradedAndNoProbeCountsAnError() throws Exception {
    StringWriter text = new StringWriter();
    try (DemoRun demo = new DemoRun(new PrintWriter(text, true), java.time.Duration.ofSeconds(60), false)) {
      demo.start(0);
      assertThat(demo.awaitConvergence()).as(text.toString()).isTrue();
      int notConfigured = 0;
      for (MaturityTarget t : demo.targets()) {
        String name = t.getMetadata().getNamespace() + "/" + t.getMetadata().getName();
        var degraded = t.getStatus().conditions.stream().filter(c -> "Degraded".equals(c.getType())).findFirst().orElseThrow();
        assertThat(degraded.getStatus()).as(name + ": " + degraded.getMessage()).isEqualTo("False");
        for (var c : t.getStatus().capabilities) {
          if (c.reason == UnknownReason.NotConfigured) {
            notConfigured++;
            assertThat(c.message).as(name + " " + c.id).contains("integrations.mlflow.default", "spec.integrations.mlflow");
          }
        }
      }
      assertThat(notConfigured).as("MLflow-backed capabilities say NotConfigured").isPositive();
      String scrape = demo.operator().registry().scrape();
      assertThat(scrape).doesNotContainPattern("mlops_maturity_degraded\\{[^}]*} 1\\.0")
          .doesNotContainPattern("mlops_maturity_probe_errors_total\\{probe=\"(model-registry|model-versioning|experiment-tracking|data-versioning|quality-gate)\"} [1-9]");
      assertThat(demo.events("ProbeFailing")).extracting(e -> e.getMessage()).noneMatch(m -> m.contains("model-registry"));
    }
  }
}
