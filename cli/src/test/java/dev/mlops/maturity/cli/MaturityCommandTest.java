package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MaturityCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void modelsListsTheThreeBuiltInModelsWithTheirLevels() {
    assertThat(run("models")).isZero();

    String text = out.toString();
    assertThat(text).contains("mlops-5-level (default): Manual, Managed, Automated, Governed, Optimized")
        .contains("google-3-level: Manual process, ML pipeline automation, CI/CD pipeline automation")
        .contains("azure-5-level: No MLOps, DevOps but no MLOps, Automated training");
    assertThat(text).containsSubsequence("mlops-5-level", "google-3-level", "azure-5-level");
    assertThat(text).containsPattern("  1 Managed +model-registry, model-versioning, health-monitoring, "
        + "manual-retraining-documented, retrain-by-others");
    assertThat(text).containsPattern("  0 Manual +-");
    assertThat(text).containsPattern("  2 CI/CD pipeline automation +cicd-deployment, "
        + "anyOf\\(scheduled-retraining\\|drift-triggered-retraining\\|performance-triggered-retraining\\), "
        + "ab-testing, drift-monitoring");
    assertThat(text).containsPattern("  4 Full MLOps automated operations +anyOf\\(drift-triggered-retraining");
    assertThat(text).contains("declared evidence accepted for: audit-trail, data-versioning, "
        + "manual-retraining-documented, quality-gate, retrain-by-others");
    // 5 + 3 + 5 level lines
    assertThat(text.lines().filter(l -> l.matches("  \\d+ .*"))).hasSize(13);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void executeReturnsTheExitCodeForMain() {
    assertThat(MaturityCommand.execute("models")).isZero();
    assertThat(MaturityCommand.execute("no-such-command")).isEqualTo(2);
  }

  @Test
  void versionPrintsTheProgramName() {
    assertThat(run("--version")).isZero();

    assertThat(out.toString()).startsWith("mlops-maturity-operator ");
  }

  @Test
  void helpListsTheModelsCommand() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString()).contains("Usage: mlops-maturity-operator").contains("models");
  }

  @Test
  void withoutACommandItPrintsUsageToItsOwnOutput() {
    assertThat(run()).isZero();

    assertThat(out.toString()).contains("Usage: mlops-maturity-operator");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run("frobnicate")).isEqualTo(2);

    assertThat(err.toString()).contains("Unmatched argument at index 0: 'frobnicate'");
  }
}
