package dev.mlops.maturity.demo;

import dev.mlops.maturity.demo.AlertReceiver.Notified;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * {@code demo --with-prometheus}: a real Prometheus with the chart's alert rules (files/alerts.yaml,
 * copied into the jar) scraping the demo operator, a real Alertmanager, and a receiver that prints
 * every notification, so the regression shows as an alert in Prometheus' UI and at the receiver.
 */
public final class DemoAlerts implements AutoCloseable {
  static final String REGRESSED = "MLOpsMaturityLevelRegressed";
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  private final PrintWriter out;
  private final AlertReceiver receiver;
  private final AlertStack stack;

  public DemoAlerts(PrintWriter out, int metricsPort) throws IOException {
    this.out = out;
    this.receiver = new AlertReceiver(this::print);
    try {
      this.stack = new AlertStack(DemoFiles.root().resolve("alerts").resolve("alerts.yaml"), metricsPort, receiver.url(), INTERVAL);
    } catch (IOException | RuntimeException e) {
      receiver.close();
      throw e;
    }
    out.printf("Prometheus    %s/alerts (rules of helm/mlops-maturity-operator/files/alerts.yaml)%n", stack.prometheusUrl());
    out.printf("Alertmanager  %s/#/alerts%n", stack.alertmanagerUrl());
    out.printf("receiver      %s (each notification is printed here)%n", receiver.url());
    out.flush();
  }

  /** Installed when both Debian packages (prometheus, prometheus-alertmanager) are. */
  public static boolean available() {
    return AlertStack.installed();
  }

  public static String missing() {
    return "demo --with-prometheus needs " + AlertStack.PROMETHEUS + " and " + AlertStack.ALERTMANAGER
        + " (apt-get install prometheus prometheus-alertmanager); running without them";
  }

  /** Waits until Prometheus has scraped the operator, so the regression counter's step is seen. */
  public boolean awaitScraped(Duration timeout) throws IOException {
    return stack.awaitScraped(timeout);
  }

  /** Waits until the receiver got the regression alert for namespace/target as firing. */
  public boolean awaitRegressionAlert(String namespace, String target, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (receiver.received().stream().anyMatch(n -> REGRESSED.equals(n.name()) && "firing".equals(n.status())
          && namespace.equals(n.labels().get("namespace")) && target.equals(n.labels().get("target")))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private void print(Notified n) {
    out.printf("receiver got %s %s %s/%s (level %s -> %s): %s%n  runbook %s%n", n.status(), n.name(), n.labels().get("namespace"),
        n.labels().get("target"), n.annotations().getOrDefault("from_level", "?"), n.annotations().getOrDefault("to_level", "?"),
        n.annotations().getOrDefault("summary", ""), n.annotations().getOrDefault("runbook_url", "-"));
    out.flush();
  }

  @Override
  public void close() {
    stack.close();
    receiver.close();
  }
}
