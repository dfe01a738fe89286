package dev.mlops.maturity.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian package {@code prometheus}) scraping the operator's /metrics with an alert
 * rule file, and a real Alertmanager (Debian package {@code prometheus-alertmanager}) routing every
 * alert to one webhook; both on free ports of 127.0.0.1, in a temporary directory removed on close.
 */
public final class AlertStack implements AutoCloseable {
  public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  public static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path work;
  private final List<Process> processes = new ArrayList<>();
  private final int prometheusPort;
  private final int alertmanagerPort;

  /** True when both binaries are installed. */
  public static boolean installed() {
    return Files.isExecutable(PROMETHEUS) && Files.isExecutable(ALERTMANAGER);
  }

  /**
   * Starts Alertmanager, then Prometheus; both answer /-/ready before this returns.
   *
   * @param rules the Prometheus rule file (copied)
   * @param metricsPort the operator's /metrics port on 127.0.0.1
   * @param webhook the receiver every alert is routed to
   * @param interval scrape and evaluation interval, also Alertmanager's group wait and interval
   */
  public AlertStack(Path rules, int metricsPort, URI webhook, Duration interval) throws IOException {
    this.work = Files.createTempDirectory("mlops-maturity-alerts");
    try {
      Files.copy(rules, work.resolve("alerts.yaml"));
      String every = interval.toMillis() + "ms";
      Files.writeString(work.resolve("alertmanager.yml"), """
          route:
            receiver: webhook
            group_by: [alertname, namespace, target]
            group_wait: %s
            group_interval: %s
            repeat_interval: 1h
          receivers:
          - name: webhook
            webhook_configs:
            - url: '%s'
              send_resolved: true
          """.formatted(every, every, webhook));
      alertmanagerPort = freePort();
      start("alertmanager", ALERTMANAGER.toString(), "--config.file=" + work.resolve("alertmanager.yml"),
          "--storage.path=" + Files.createDirectories(work.resolve("am-data")), "--web.listen-address=127.0.0.1:" + alertmanagerPort,
          "--cluster.listen-address=");
      awaitReady(alertmanagerUrl());

      Files.writeString(work.resolve("prometheus.yml"), """
          global: {scrape_interval: %s, evaluation_interval: %s}
          rule_files: ['%s']
          alerting:
            alertmanagers:
            - static_configs:
              - targets: ['127.0.0.1:%d']
          scrape_configs:
          - job_name: mlops-maturity-operator
            static_configs:
            - targets: ['127.0.0.1:%d']
          """.formatted(every, every, work.resolve("alerts.yaml"), alertmanagerPort, metricsPort));
      prometheusPort = freePort();
      start("prometheus", PROMETHEUS.toString(), "--config.file=" + work.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + Files.createDirectories(work.resolve("prom-data")), "--web.listen-address=127.0.0.1:" + prometheusPort,
          "--rules.alert.resend-delay=" + every);
      awaitReady(prometheusUrl());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  public URI prometheusUrl() {
    return URI.create("http://127.0.0.1:" + prometheusPort);
  }

  public URI alertmanagerUrl() {
    return URI.create("http://127.0.0.1:" + alertmanagerPort);
  }

  /** The result vector of an instant query, e.g. {@code ALERTS{alertstate="firing"}}. */
  public JsonNode query(String promql) throws IOException {
    URI uri = prometheusUrl().resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("query " + promql + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return JSON.readTree(r.body()).path("data").path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted querying " + promql, e);
    }
  }

  /** Waits until Prometheus scraped the operator at least twice (so increase() sees a counter's next step). */
  public boolean awaitScraped(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode r = query("count_over_time(up{job=\"mlops-maturity-operator\"}[1m]) >= 2 and up{job=\"mlops-maturity-operator\"} == 1");
      if (!r.isEmpty()) {
        return true;
      }
      sleep(Duration.ofMillis(250));
    }
    return false;
  }

  /** The log of a process started here ("prometheus", "alertmanager"), for failure messages. */
  public String log(String name) {
    try {
      return Files.readString(work.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void start(String name, String... command) throws IOException {
    processes.add(new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile()).start());
  }

  private void awaitReady(URI root) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IOException("a process exited at start-up: " + log("alertmanager") + log("prometheus"));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(root.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for " + root, e);
      }
      sleep(Duration.ofMillis(200));
    }
    throw new IOException(root + " not ready within " + START_TIMEOUT.toSeconds() + "s");
  }

  /** A port free on 127.0.0.1 now (the child binds it right after; a clash fails the start-up clearly). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
