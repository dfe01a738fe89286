package dev.mlops.maturity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.cli.MaturityCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** demo --with-prometheus: the regression shows in a real Prometheus and reaches the printing receiver. Skipped without the binaries, except on CI. */
class DemoWithPrometheusTest {
  @Test
  void theRegressionAlertReachesTheReceiverAndTheUrlsArePrinted() {
    if (!AlertStack.installed() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI must run demo --with-prometheus: install the Debian packages prometheus and prometheus-alertmanager");
    }
    Assumptions.assumeTrue(AlertStack.installed(), "prometheus/prometheus-alertmanager not installed");
    StringWriter text = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(text, true));

    int exit = cli.execute("demo", "--once", "--with-prometheus", "--metrics-port", "0", "--timeout", "60");
    String out = text.toString();
    System.out.print(out);

    assertThat(exit).as(out).isZero();
    assertThat(out).containsPattern("Prometheus +http://127\\.0\\.0\\.1:\\d+/alerts")
        .containsPattern("Alertmanager +http://127\\.0\\.0\\.1:\\d+/#/alerts")
        .contains("receiver got firing MLOpsMaturityLevelRegressed fraud/fraud-detector (level 2 -> 1)")
        .contains("runbook https://github.com/mlops-maturity/mlops-maturity-operator/blob/main/helm/mlops-maturity-operator/files/runbook.md#mlopsmaturitylevelregressed");
  }
}
