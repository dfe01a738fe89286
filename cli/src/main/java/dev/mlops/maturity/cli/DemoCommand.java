package dev.mlops.maturity.cli;

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

  /** Keeps the in-process API server's per-request log quiet (java.util.logging holds loggers weakly). */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  @Override
  public Integer call() throws Exception {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    // the demo's story is on stdout; the operator's own log stays on stderr, at warnings only
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    PrintWriter out = spec.commandLine().getOut();
    try (DemoRun demo = new DemoRun(out, Duration.ofSeconds(timeoutSeconds))) {
      demo.start(metricsPort);
      if (!demo.awaitConvergence() || !demo.showRegression()) {
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
    }
  }
}
