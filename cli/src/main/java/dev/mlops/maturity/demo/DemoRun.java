package dev.mlops.maturity.demo;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.external.HttpExternalSources;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The embedded demo: an in-process Kubernetes API server (Fabric8 mock, CRUD mode) on 127.0.0.1
 * loaded with the example teams, demo MLflow/Prometheus endpoints, and the real operator started
 * through the same composition root as {@code run}. Prints the level table as targets converge,
 * then deletes one team's retraining schedule and shows the regression.
 */
public final class DemoRun implements AutoCloseable {
  public static final String REGRESSION_NAMESPACE = "fraud";
  public static final String REGRESSION_TARGET = "fraud-detector";
  static final String REGRESSION_SCHEDULE = "fraud-detector-nightly";

  private final PrintWriter out;
  private final Duration timeout;
  private final boolean mlflow;
  private KubernetesMockServer server;
  private KubernetesClient client;
  private DemoIntegrations integrations;
  private OperatorHandle operator;
  private final long started = System.nanoTime();

  public DemoRun(PrintWriter out, Duration timeout) {
    this(out, timeout, true);
  }

  /** With {@code mlflow} false, the operator configuration names no MLflow endpoint (as a platform without MLflow). */
  DemoRun(PrintWriter out, Duration timeout, boolean mlflow) {
    this.out = out;
    this.timeout = timeout;
    this.mlflow = mlflow;
  }

  /** Starts everything; {@code metricsPort} 0 picks a free port, and a busy port falls back to a free one. */
  public void start(int metricsPort) throws IOException {
    Path files = DemoFiles.root();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubectlDiscovery(IndexedCrudDispatcher.mixed(new HashMap<>()), Clock.systemUTC()), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
    say("in-process Kubernetes API server at %s", client.getMasterUrl());
    Path kubeconfig = DemoKubeconfig.write(Files.createTempFile("mlops-maturity-demo-", ".kubeconfig"), client.getMasterUrl().toString());
    say("kubectl works against it: export KUBECONFIG=%s; kubectl get mt -A", kubeconfig);

    DemoCluster.applyCrds(client, files.resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(client, crd));
    List<GenericKubernetesResource> objects = DemoCluster.read(files.resolve("cluster"));
    DemoCluster.apply(client, objects);
    long teams = objects.stream().filter(DemoCluster::isTarget).count();
    say("applied the MaturityTarget CRDs, %d third-party CRDs and %d objects for %d teams (examples/demo/cluster)",
        ThirdPartyCrds.forKinds(KindCatalogue.ALL).size(), objects.size(), teams);

    integrations = new DemoIntegrations(files.resolve("integrations"),
        kind -> client.genericKubernetesResources("monitoring.coreos.com/v1", kind).inAnyNamespace().list().getItems());
    OperatorConfig config = new OperatorConfig(Map.of("default", new Endpoint(integrations.prometheusUrl(), null)),
        mlflow ? Map.of("default", new Endpoint(integrations.mlflowUrl(), null)) : Map.of(), ProbeSettings.DEFAULTS, List.of());
    say("demo MLflow at %s, demo Prometheus at %s (named 'default' in the operator configuration)",
        integrations.mlflowUrl(), integrations.prometheusUrl());

    OperatorOptions options = OperatorOptions.defaults()
        .withExternal(HttpExternalSources.forOperator(config, ref -> Optional.empty()));
    operator = startOperator(config, options, metricsPort);
    say("operator running; metrics at http://localhost:%d/metrics", operator.metricsPort());
  }

  private OperatorHandle startOperator(OperatorConfig config, OperatorOptions options, int port) {
    try {
      return OperatorApp.start(client, ProbeSet.standard(), options.withMetrics("127.0.0.1", port).withConfig(config));
    } catch (RuntimeException e) {
      if (port == 0) {
        throw e;
      }
      say("port %d is busy; serving metrics on a free port instead", port);
      return OperatorApp.start(client, ProbeSet.standard(), options.withMetrics("127.0.0.1", 0).withConfig(config));
    }
  }

  /** Waits until every target has a status for its current generation and nothing changed for a while. */
  public boolean awaitConvergence() throws InterruptedException {
    String last = "";
    long stableSince = System.nanoTime();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<MaturityTarget> targets = targets();
      String table = LevelTable.render(targets);
      boolean evaluated = !targets.isEmpty() && targets.stream().allMatch(DemoRun::evaluated);
      if (!table.equals(last)) {
        say("levels:");
        out.print(table);
        out.flush();
        last = table;
        stableSince = System.nanoTime();
      } else if (evaluated && System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
        say("all %d targets converged", targets.size());
        return true;
      }
      Thread.sleep(250);
    }
    say("targets did not converge within %ds", timeout.toSeconds());
    return false;
  }

  /** Deletes fraud's only retraining schedule and shows the drop, the Warning Event and the metric change. */
  public boolean showRegression() throws InterruptedException {
    Map<String, Double> before = fraudSeries();
    MaturityTarget target = target(REGRESSION_NAMESPACE, REGRESSION_TARGET);
    int from = target.getStatus().observedLevel;
    say("deleting argoproj.io/CronWorkflow %s/%s, team %s's only retraining schedule ...",
        REGRESSION_NAMESPACE, REGRESSION_SCHEDULE, REGRESSION_NAMESPACE);
    long t0 = System.nanoTime();
    client.genericKubernetesResources("argoproj.io/v1alpha1", "CronWorkflow").inNamespace(REGRESSION_NAMESPACE)
        .withName(REGRESSION_SCHEDULE).delete();
    Optional<MaturityTarget> dropped = poll(() -> target(REGRESSION_NAMESPACE, REGRESSION_TARGET),
        t -> t.getStatus() != null && t.getStatus().observedLevel != null && t.getStatus().observedLevel < from);
    if (dropped.isEmpty()) {
      say("the level of %s/%s did not drop within %ds", REGRESSION_NAMESPACE, REGRESSION_TARGET, timeout.toSeconds());
      return false;
    }
    MaturityTarget after = dropped.get();
    say("%s/%s regressed %d (%s) -> %d (%s) in %d ms, without waiting for a periodic re-evaluation", REGRESSION_NAMESPACE,
        REGRESSION_TARGET, from, levelName(target), after.getStatus().observedLevel, after.getStatus().observedLevelName,
        Duration.ofNanos(System.nanoTime() - t0).toMillis());
    after.getStatus().conditions.stream().filter(c -> "Regressed".equals(c.getType()))
        .forEach(c -> say("condition Regressed=%s (%s): %s", c.getStatus(), c.getReason(), c.getMessage()));
    Optional<Event> event = poll(() -> regressionEvent().orElse(null), e -> true);
    event.ifPresent(e -> say("event %s %s %s/%s: %s", e.getType(), e.getReason(), REGRESSION_NAMESPACE, REGRESSION_TARGET, e.getMessage()));
    Optional<Map<String, Double>> changed = poll(this::fraudSeries,
        m -> !m.getOrDefault("mlops_maturity_level_regressions_total", 0.0).equals(before.getOrDefault("mlops_maturity_level_regressions_total", 0.0)));
    Map<String, Double> now = changed.orElse(fraudSeries());
    for (String metric : List.of("mlops_maturity_observed_level", "mlops_maturity_target_met", "mlops_maturity_level_gap",
        "mlops_maturity_level_regressions_total")) {
      say("metric %s{namespace=\"%s\",target=\"%s\"}: %s -> %s", metric, REGRESSION_NAMESPACE, REGRESSION_TARGET,
          format(before.get(metric)), format(now.get(metric)));
    }
    say("levels:");
    out.print(LevelTable.render(targets()));
    out.flush();
    return event.isPresent();
  }

  /** Events of every namespace with this reason. */
  List<Event> events(String reason) {
    return client.v1().events().inAnyNamespace().list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  private Optional<Event> regressionEvent() {
    return client.v1().events().inNamespace(REGRESSION_NAMESPACE).list().getItems().stream()
        .filter(e -> "LevelRegressed".equals(e.getReason()))
        .filter(e -> e.getInvolvedObject() != null && REGRESSION_TARGET.equals(e.getInvolvedObject().getName()))
        .findFirst();
  }

  /** The fraud target's own series from a real scrape of /metrics. */
  private Map<String, Double> fraudSeries() {
    Map<String, Double> out = new HashMap<>();
    for (String line : operator.registry().scrape().split("\n")) {
      if (line.startsWith("#") || !line.contains("namespace=\"" + REGRESSION_NAMESPACE + "\"")
          || !line.contains("target=\"" + REGRESSION_TARGET + "\"") || line.contains("capability=")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (brace > 0 && space > brace) {
        try {
          out.put(line.substring(0, brace), Double.parseDouble(line.substring(space + 1)));
        } catch (NumberFormatException ignored) {
          // not a sample line
        }
      }
    }
    return out;
  }

  private static String format(Double v) {
    return v == null ? "absent" : (v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v));
  }

  private static String levelName(MaturityTarget t) {
    return t.getStatus() == null ? "-" : t.getStatus().observedLevelName;
  }

  private <T> Optional<T> poll(java.util.function.Supplier<T> read, Predicate<T> done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      T value = read.get();
      if (value != null && done.test(value)) {
        return Optional.of(value);
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  static boolean evaluated(MaturityTarget t) {
    return t.getStatus() != null && t.getStatus().observedGeneration != null
        && t.getStatus().observedGeneration.equals(t.getMetadata().getGeneration());
  }

  public List<MaturityTarget> targets() {
    List<MaturityTarget> items = new ArrayList<>(client.resources(MaturityTarget.class).inAnyNamespace().list().getItems());
    items.sort(Comparator.comparing((MaturityTarget t) -> t.getMetadata().getNamespace()).thenComparing(t -> t.getMetadata().getName()));
    return items;
  }

  private MaturityTarget target(String ns, String name) {
    return client.resources(MaturityTarget.class).inNamespace(ns).withName(name).get();
  }

  /** Stops the demo's MLflow and Prometheus stand-ins: the probes that read them can no longer decide. */
  public void stopSources() {
    integrations.close();
    integrations = null;
    say("stopped the demo MLflow and Prometheus: the next evaluations cannot read them");
  }

  public OperatorHandle operator() {
    return operator;
  }

  private void say(String format, Object... args) {
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("[%6.1fs] %s%n", seconds, String.format(format, args));
    out.flush();
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.stop();
    }
    if (integrations != null) {
      integrations.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.destroy();
    }
  }
}
