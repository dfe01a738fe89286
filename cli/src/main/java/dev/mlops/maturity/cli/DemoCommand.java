package dev.mlops.maturity.cli;

import dev.mlops.maturity.demo.DemoAlerts;
import dev.mlops.maturity.demo.DemoRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the real operator against an in-process Kubernetes API server loaded with six ML teams,",
        "prints the levels as they converge, then deletes one team's retraining schedule and shows the regression."})
public class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--once", description = "Exit after showing convergence and the regression (exit code 0 on success).")
  boolean once;

  @Option(names = "--metrics-port", defaultValue = "8080", description = "Port for /metrics on localhost (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int metricsPort;

  @Option(names = "--timeout", defaultValue = "90", description = "Seconds to wait for convergence and for the regression (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--with-prometheus", description = {"Also run a real Prometheus with the chart's alert rules, a real Alertmanager and a",
      "receiver that prints each notification (needs the Debian packages prometheus and prometheus-alertmanager)."})
  boolean withPrometheus;

  /** Keeps the in-process API server's per-request log quiet (java.util.logging holds loggers weakly). */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  @Override
  public Integer call() throws Exception {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    // the demo's story is on stdout; the operator's own log stays on stderr, at warnings only
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    PrintWriter out = spec.commandLine().getOut();
    DemoAlerts alerts = null;
    try (DemoRun demo = new DemoRun(out, Duration.ofSeconds(timeoutSeconds))) {
      demo.start(metricsPort);
      if (!demo.awaitConvergence()) {
        return 1;
      }
      if (withPrometheus && !DemoAlerts.available()) {
        out.println(DemoAlerts.missing());
      } else if (withPrometheus) {
        alerts = new DemoAlerts(out, demo.operator().metricsPort());
        if (!alerts.awaitScraped(Duration.ofSeconds(timeoutSeconds))) {
          out.println("Prometheus did not scrape the operator in time");
          return 1;
        }
      }
      if (!demo.showRegression()) {
        return 1;
      }
      if (alerts != null && !alerts.awaitRegressionAlert(DemoRun.REGRESSION_NAMESPACE, DemoRun.REGRESSION_TARGET, Duration.ofSeconds(timeoutSeconds))) {
        out.println("the regression alert did not reach the receiver in time");
        return 1;
      }
      if (once) {
        return 0;
      }
      out.printf("%nThe operator keeps running: try curl http://localhost:%d/metrics . Ctrl-C stops the demo.%n", demo.operator().metricsPort());
      out.flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
      stop.await();
      return 0;
    } finally {
      if (alerts != null) {
        alerts.close();
      }
    }
  }
}
