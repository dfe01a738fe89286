package dev.mlops.maturity.reliability;

import static dev.mlops.maturity.reliability.FaultyCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.Integrations;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.BasicAuthRef;
import dev.mlops.maturity.config.SecretKeyRef;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.external.SecretTokenResolver;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Security properties of a full operator run with the standard probes: a target cannot make the
 * operator connect to an address of its choosing; the only Secret read is the configured credential
 * (one GET, never a LIST or WATCH); metric labels are bounded (a fixed label set, no UIDs, no free
 * text, at most ~40 series per target with 1,000 targets).
 */
class SecurityTest {
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private FaultyCluster cluster;
  private OperatorHandle operator;
  private FakeHttpSource mlflow;
  private ServerSocket evil;

  @AfterEach
  void stop() throws IOException {
    if (operator != null) {
      operator.stop();
    }
    if (mlflow != null) {
      mlflow.close();
    }
    if (evil != null) {
      evil.close();
    }
    cluster.close();
  }

  /** A TCP listener that only counts connection attempts. */
  private AtomicInteger evilListener() throws IOException {
    evil = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    AtomicInteger connections = new AtomicInteger();
    Thread t = new Thread(() -> {
      while (!evil.isClosed()) {
        try (Socket s = evil.accept()) {
          connections.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    }, "evil-listener");
    t.setDaemon(true);
    t.start();
    return connections;
  }

  private OperatorHandle start(OperatorConfig config, Clock clock) {
    return OperatorApp.start(cluster.client, ProbeSet.standard(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
            .withShutdownTimeout(Duration.ofMillis(500))
            .withExternal(HttpExternalSources.forOperator(config, new SecretTokenResolver(cluster.client, "operators", clock))).withConfig(config));
  }

  private CapabilityStatus capability(String ns, String name, String id) {
    MaturityTarget t = cluster.get(ns, name);
    if (t == null || t.getStatus() == null || t.getStatus().capabilities == null) {
      return null;
    }
    return t.getStatus().capabilities.stream().filter(c -> id.equals(c.id)).findFirst().orElse(null);
  }

  @Test
  void aTargetCannotMakeTheOperatorCallAnAddressAndOnlyTheNamedSecretIsRead() throws IOException {
    cluster = FaultyCluster.start();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    cluster.client.resource(new SecretBuilder().withNewMetadata().withNamespace("operators").withName("mlflow-reader").endMetadata()
        .addToStringData("token", "s3cret").build()).create();
    cluster.client.resource(new SecretBuilder().withNewMetadata().withNamespace("team-a").withName("db-password").endMetadata()
        .addToStringData("password", "hunter2").build()).create();
    AtomicInteger evilConnections = evilListener();
    String evilUrl = "http://127.0.0.1:" + evil.getLocalPort();
    mlflow = FakeHttpSource.start();
    mlflow.requiredAuthorization = "Bearer s3cret";
    OperatorConfig config = new OperatorConfig(Map.of(),
        Map.of("default", new Endpoint(mlflow.root(), new SecretKeyRef("mlflow-reader", null, "token"))), ProbeSettings.DEFAULTS, List.of());
    Clock clock = Clock.systemUTC();
    cluster.requests.clear();
    operator = start(config, clock);

    MaturityTarget honest = FaultyCluster.target("team-a", "fraud", "mlops-5-level", 2, FRAUD);
    honest.getSpec().workload.registeredModel = "fraud-detector";
    cluster.create(honest);
    List<String> names = List.of(evilUrl, "127.0.0.1:" + evil.getLocalPort(), evilUrl + "/api/2.0", "default/../" + evilUrl,
        "//127.0.0.1:" + evil.getLocalPort(), "file:///etc/passwd");
    for (int i = 0; i < names.size(); i++) {
      MaturityTarget t = FaultyCluster.target("team-a", "attacker-" + i, "mlops-5-level", 2, FRAUD);
      t.getSpec().workload.registeredModel = "fraud-detector";
      t.getSpec().integrations = new Integrations();
      t.getSpec().integrations.prometheus = names.get(i);
      t.getSpec().integrations.mlflow = names.get(i);
      cluster.create(t);
    }

    await().atMost(Duration.ofSeconds(15)).until(() -> {
      CapabilityStatus c = capability("team-a", "fraud", "model-registry");
      return c != null && c.state == CapabilityState.Satisfied;
    });
    for (int i = 0; i < names.size(); i++) {
      String name = "attacker-" + i;
      await().atMost(Duration.ofSeconds(10)).until(() -> capability("team-a", name, "model-registry") != null);
      CapabilityStatus registry = capability("team-a", name, "model-registry");
      assertThat(registry.state).as(names.get(i)).isEqualTo(CapabilityState.Unknown);
      assertThat(registry.message).contains("no mlflow endpoint named");
      assertThat(capability("team-a", name, "health-monitoring").state).isEqualTo(CapabilityState.Unknown);
    }
    assertThat(evilConnections.get()).as("connections to the address named in a target").isZero();

    List<String> secretCalls = cluster.requests.stream().filter(r -> r.contains("/secrets")).toList();
    assertThat(secretCalls).as("the only Secret access is a GET of the configured one").isNotEmpty()
        .allMatch(r -> r.equals("GET /api/v1/namespaces/operators/secrets/mlflow-reader"));
    assertThat(cluster.requests).noneMatch(r -> r.contains("secrets?") || r.endsWith("/secrets"));
  }

  @Test
  void anMlflowServerBehindBasicAuthIsReadWithTheNamedBasicAuthSecretOnly() throws IOException {
    cluster = FaultyCluster.start();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    cluster.client.resource(new SecretBuilder().withNewMetadata().withNamespace("mlflow").withName("mlflow-basic").endMetadata()
        .withType("kubernetes.io/basic-auth").addToStringData("username", "reader").addToStringData("password", "pa:ss").build()).create();
    mlflow = FakeHttpSource.start();
    mlflow.requiredAuthorization = "Basic " + java.util.Base64.getEncoder()
        .encodeToString("reader:pa:ss".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    OperatorConfig config = new OperatorConfig(Map.of(), Map.of("default", new Endpoint(mlflow.root(), null,
        new BasicAuthRef("mlflow-basic", "mlflow", BasicAuthRef.USERNAME, BasicAuthRef.PASSWORD))), ProbeSettings.DEFAULTS, List.of());
    cluster.requests.clear();
    operator = start(config, Clock.systemUTC());

    MaturityTarget target = FaultyCluster.target("team-a", "fraud", "mlops-5-level", 2, FRAUD);
    target.getSpec().workload.registeredModel = "fraud-detector";
    cluster.create(target);

    await().atMost(Duration.ofSeconds(15)).until(() -> {
      CapabilityStatus c = capability("team-a", "fraud", "model-registry");
      return c != null && c.state == CapabilityState.Satisfied;
    });
    assertThat(cluster.requests.stream().filter(r -> r.contains("/secrets")).toList())
        .as("only GETs of the named basic-auth Secret").isNotEmpty()
        .allMatch(r -> r.equals("GET /api/v1/namespaces/mlflow/secrets/mlflow-basic"));
  }

  @Test
  void metricLabelsAreBoundedWithAThousandTargets() {
    cluster = FaultyCluster.start();
    int targets = 1000;
    int namespaces = 20;
    for (int n = 0; n < namespaces; n++) {
      cluster.createDeployment("ns-" + n, "api", Map.of("app.kubernetes.io/part-of", "app-" + n));
    }
    Clock clock = Clock.systemUTC();
    operator = start(OperatorConfig.EMPTY, clock);
    for (int i = 0; i < targets; i++) {
      int n = i % namespaces;
      cluster.create(FaultyCluster.target("ns-" + n, "target-" + i, i % 3 == 0 ? "google-3-level" : "mlops-5-level", 2,
          Map.of("app.kubernetes.io/part-of", "app-" + n)));
    }
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> operator.registry().get("mlops.maturity.evaluation.duration").timer().count() >= targets);

    String metrics = TestScrape.scrape(operator.metricsPort());
    Map<String, Integer> perTarget = new HashMap<>();
    Set<String> labelNames = new HashSet<>();
    Matcher label = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher("");
    Set<String> capabilityIds = new HashSet<>();
    CapabilityCatalogue.all().forEach(c -> capabilityIds.add(c.id()));
    long series = 0;
    for (String line : metrics.lines().filter(l -> l.startsWith("mlops_maturity_")).toList()) {
      series++;
      label.reset(line);
      String ns = null;
      String target = null;
      while (label.find()) {
        String name = label.group(1);
        String value = label.group(2);
        labelNames.add(name);
        assertThat(UUID.matcher(value).find()).as("a UID in " + line).isFalse();
        assertThat(value.length()).as("a long label value in " + line).isLessThanOrEqualTo(63);
        switch (name) {
          case "namespace" -> ns = value;
          case "target" -> target = value;
          case "capability", "probe" -> assertThat(capabilityIds).as(line).contains(value);
          case "model" -> assertThat(value).isIn("mlops-5-level", "google-3-level", "azure-5-level");
          // probe families are the probe packages: a fixed handful, never from cluster data
          case "family" -> assertThat(value).isIn("delivery", "governance", "mlflow", "pipeline", "platform", "prometheus", "serving");
          default -> { }
        }
      }
      if (target != null) {
        perTarget.merge(ns + "/" + target, 1, Integer::sum);
      }
    }
    assertThat(labelNames).as("a fixed label set").isSubsetOf("namespace", "target", "model", "capability", "probe", "family", "le", "quantile");
    assertThat(perTarget).hasSize(targets);
    int max = perTarget.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    org.slf4j.LoggerFactory.getLogger(SecurityTest.class).info("{} mlops_maturity_ series for {} targets, at most {} per target",
        series, targets, max);
    assertThat(max).as("series per target").isLessThanOrEqualTo(40);
    assertThat(series).as("total series grow with targets only").isLessThanOrEqualTo(40L * targets + 200);
  }
}
