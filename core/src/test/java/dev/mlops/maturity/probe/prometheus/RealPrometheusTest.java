package dev.mlops.maturity.probe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ScenarioAssertions;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.AlertRule;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.ScrapeTarget;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Prometheus client and probes against a real Prometheus server (Debian package): one server with
 * two GPUs' DCGM data backfilled by {@code promtool} (80% and 55%: 67.5% on average), a rule file and a
 * scrape job named like a prometheus-operator ServiceMonitor pool; one server with an empty TSDB.
 * Skipped without the binaries, except on CI (CI=true), where it must run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealPrometheusTest {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final String POOL = "serviceMonitor/fraud/fraud-detector/0";
  private static final Duration WINDOW = Duration.ofHours(6);

  private Path work;
  private HttpServer exporter;
  private final List<Process> processes = new ArrayList<>();
  private HttpPrometheusApi withData;
  private HttpPrometheusApi empty;
  private Process emptyProcess;

  @BeforeAll
  void startPrometheus() throws Exception {
    boolean installed = Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL);
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI must run the real-Prometheus tests: install the Debian package prometheus (" + PROMETHEUS + ", " + PROMTOOL + ")");
    }
    Assumptions.assumeTrue(installed, "prometheus/promtool not installed");
    work = Files.createTempDirectory("real-prometheus");

    exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", ex -> {
      byte[] body = """
          # TYPE fraud_feature_drift_score gauge
          fraud_feature_drift_score{feature="amount"} 0.12
          # TYPE http_requests_total counter
          http_requests_total{code="200"} 1027
          """.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    exporter.start();

    Path data = Files.createDirectories(work.resolve("data"));
    backfillDcgm(data);
    Files.writeString(work.resolve("rules.yml"), """
        groups:
        - name: fraud-detector.rules
          rules:
          - alert: FraudDetectorDown
            expr: up{namespace="fraud", service="fraud-detector"} == 0
            for: 5m
            labels: {severity: critical}
          - record: fraud:drift:max
            expr: max(fraud_feature_drift_score)
        """);
    Files.writeString(work.resolve("prometheus.yml"), """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        rule_files: [%s]
        scrape_configs:
        - job_name: %s
          static_configs:
          - targets: ['127.0.0.1:%d']
            labels: {namespace: fraud, service: fraud-detector, pod: fraud-detector-7d9f8-abcde}
        """.formatted(work.resolve("rules.yml"), POOL, exporter.getAddress().getPort()));
    Files.writeString(work.resolve("empty.yml"), "global: {scrape_interval: 1s, evaluation_interval: 1s}\n");

    withData = start("real", data, work.resolve("prometheus.yml"));
    empty = start("empty", Files.createDirectories(work.resolve("empty-data")), work.resolve("empty.yml"));
    emptyProcess = processes.get(processes.size() - 1);
  }

  @AfterAll
  void stopPrometheus() throws IOException {
    for (Process p : processes) {
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (exporter != null) {
      exporter.stop(0);
    }
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Two GPUs sampled every minute from 3 h ago to 10 min ago: GPU 0 at 80%, GPU 1 at 55%. */
  private void backfillDcgm(Path data) throws Exception {
    long now = Instant.now().getEpochSecond();
    StringBuilder om = new StringBuilder("# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n");
    String[][] gpus = {{"0", "GPU-5f2b0c6e-0000", "gpu-node-1", "train-fraud-0", "80"}, {"1", "GPU-5f2b0c6e-0001", "gpu-node-1", "serve-recsys-0", "55"}};
    for (String[] g : gpus) {
      for (long t = now - 3 * 3600; t <= now - 600; t += 60) {
        om.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"").append(g[0]).append("\",UUID=\"").append(g[1]).append("\",Hostname=\"").append(g[2])
            .append("\",namespace=\"fraud\",pod=\"").append(g[3]).append("\"} ").append(g[4]).append(' ').append(t).append('\n');
      }
    }
    om.append("# EOF\n");
    Path file = work.resolve("dcgm.om");
    Files.writeString(file, om);
    Process promtool = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics", file.toString(), data.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("promtool.log").toFile()).start();
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(promtool.exitValue()).as("promtool exit code (%s)", Files.readString(work.resolve("promtool.log"))).isZero();
  }

  private HttpPrometheusApi start(String name, Path data, Path config) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(PROMETHEUS.toString(), "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
        "--config.file=" + config, "--storage.tsdb.retention.time=30d")
        .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
    processes.add(p);
    URI root = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .failFast("prometheus " + name + " exited (see " + name + ".log)", () -> !p.isAlive()).until(() -> {
      return http.send(HttpRequest.newBuilder(root.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    });
    return new HttpPrometheusApi(name, root);
  }

  private static ProbeSettings settings(double thresholdPercent) {
    return new ProbeSettings(thresholdPercent, WINDOW, "champion");
  }

  private static ProbeContext platform(PrometheusApi api, ProbeSettings settings) {
    return new ProbeContext(null, new InMemoryClusterView(), FakePrometheusApi.sources(api), settings, ScenarioAssertions.FIXED);
  }

  private static ProbeContext workload(InMemoryClusterView cluster, PrometheusApi api) {
    WorkloadTarget target = new WorkloadTarget("fraud", "fraud-detector",
        new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/part-of", "fraud-detector").build(), "fraud-detector",
        "default", "default", Duration.ofMinutes(5));
    ExternalSources sources = FakePrometheusApi.sources(api);
    return new ProbeContext(target, cluster, sources, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED);
  }

  @Test
  @Order(1)
  void utilisationAboveTheThresholdIsSatisfied() {
    Evidence e = new GpuUtilisationProbe().evaluate(platform(withData, settings(60)));

    assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).isEqualTo("GPU utilisation 67.5% over 6h (threshold 60%) from DCGM_FI_DEV_GPU_UTIL");
    assertThat(e.references()).containsExactly("prometheus default query " + GpuUtilisationProbe.utilQuery("6h"));
  }

  @Test
  @Order(1)
  void utilisationBelowTheThresholdIsMissing() {
    Evidence e = new GpuUtilisationProbe().evaluate(platform(withData, settings(70)));

    assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Missing);
    assertThat(e.message()).isEqualTo("GPU utilisation 67.5% over 6h (threshold 70%) from DCGM_FI_DEV_GPU_UTIL");
  }

  @Test
  @Order(1)
  void measuresTheRatioForTheGauge() {
    OptionalDouble ratio = GpuUtilisationProbe.measure(withData, settings(60));

    assertThat(ratio).isPresent();
    assertThat(ratio.getAsDouble()).isCloseTo(0.675, within(1e-9));
  }

  @Test
  @Order(1)
  void noDcgmSeriesIsUnknownNotZero() {
    Evidence e = new GpuUtilisationProbe().evaluate(platform(empty, settings(60)));

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).contains("no DCGM series").doesNotContain("0.0%");
    assertThat(GpuUtilisationProbe.measure(empty, settings(60))).isEmpty();
    assertThat(empty.query(GpuUtilisationProbe.utilQuery("6h"))).isEqualTo(Answer.ok(List.of()));
  }

  @Test
  @Order(1)
  void parsesActiveTargetsOfTheRealServer() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Answer<List<ScrapeTarget>> a = withData.activeTargets();
      assertThat(a).isInstanceOf(Answer.Ok.class);
      assertThat(((Answer.Ok<List<ScrapeTarget>>) a).value()).singleElement().satisfies(t -> {
        assertThat(t.scrapePool()).isEqualTo(POOL);
        assertThat(t.labels()).containsEntry("namespace", "fraud").containsEntry("job", POOL).containsKey("instance");
        assertThat(t.up()).isTrue();
      });
    });
  }

  @Test
  @Order(1)
  void parsesLoadedAlertRulesOfTheRealServer() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Answer<List<AlertRule>> a = withData.alertRules();
      assertThat(a).isInstanceOf(Answer.Ok.class);
      assertThat(((Answer.Ok<List<AlertRule>>) a).value()).singleElement().satisfies(r -> {
        assertThat(r.group()).isEqualTo("fraud-detector.rules");
        assertThat(r.name()).isEqualTo("FraudDetectorDown");
        assertThat(r.query()).contains("namespace=\"fraud\"");
        assertThat(r.labels()).containsEntry("severity", "critical");
        assertThat(r.health()).isEqualTo("ok");
      });
    });
  }

  @Test
  @Order(1)
  void aBadQueryIsFailedWithTheErrorTypeOfTheRealServer() {
    assertThat(withData.query("sum(")).isEqualTo(Answer.failed("prometheus real rejected (HTTP 400 bad_data)"));
  }

  @Test
  @Order(1)
  void healthMonitoringIsConfirmedByTheRealTargets() {
    InMemoryClusterView cluster = new InMemoryClusterView().addYaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: fraud-detector, namespace: fraud, labels: {app.kubernetes.io/part-of: fraud-detector}}
        spec:
          template:
            metadata: {labels: {app: fraud-detector}}
            spec: {containers: [{name: server, ports: [{name: metrics, containerPort: 9090}]}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: fraud-detector, namespace: fraud, labels: {app: fraud-detector}}
        spec: {selector: {app: fraud-detector}, ports: [{name: metrics, port: 9090}]}
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: fraud-detector, namespace: fraud}
        spec: {selector: {matchLabels: {app: fraud-detector}}, endpoints: [{port: metrics}]}
        """);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Evidence e = new HealthMonitoringProbe().evaluate(workload(cluster, withData));
      assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Satisfied);
      assertThat(e.message()).endsWith("1 of 1 targets up in prometheus default");
      assertThat(e.references()).contains("prometheus default target " + POOL + " up");
    });
  }

  @Test
  @Order(1)
  void alertingIsConfirmedByTheRealRules() {
    InMemoryClusterView cluster = new InMemoryClusterView().notInstalled(KindCatalogue.SELDON_MODEL).notInstalled(KindCatalogue.INFERENCE_SERVICE).addYaml("""
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata: {name: fraud-detector, namespace: monitoring}
        spec:
          groups:
          - name: fraud-detector.rules
            rules:
            - alert: FraudDetectorDown
              expr: up{namespace="fraud", service="fraud-detector"} == 0
        """);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Evidence e = new AlertingProbe().evaluate(workload(cluster, withData));
      assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Satisfied);
      assertThat(e.references()).contains("prometheus default rules fraud-detector.rules/FraudDetectorDown ok");
    });
  }

  @Test
  @Order(1)
  void driftSeriesQueryParsesAndFindsTheScrapedSeries() {
    InMemoryClusterView cluster = new InMemoryClusterView().notInstalled(KindCatalogue.SELDON_MODEL).notInstalled(KindCatalogue.INFERENCE_SERVICE);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Evidence e = new DriftMonitoringProbe().evaluate(workload(cluster, withData));
      assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Satisfied);
      assertThat(e.references()).containsExactly("prometheus default series fraud_feature_drift_score{namespace=\"fraud\"}");
    });
    Evidence none = new DriftMonitoringProbe().evaluate(workload(cluster, empty));
    assertThat(none.state()).as(none.message()).isEqualTo(CapabilityState.Missing);
  }

  @Test
  @Order(2)
  void aStoppedPrometheusIsUnknown() throws InterruptedException {
    emptyProcess.destroy();
    assertThat(emptyProcess.waitFor(10, TimeUnit.SECONDS)).isTrue();

    Evidence e = new GpuUtilisationProbe().evaluate(platform(empty, settings(60)));

    assertThat(e.state()).isEqualTo(CapabilityState.Unknown);
    assertThat(e.message()).isEqualTo("prometheus empty unreachable");
    assertThat(GpuUtilisationProbe.measure(empty, settings(60))).isEmpty();
  }
}
