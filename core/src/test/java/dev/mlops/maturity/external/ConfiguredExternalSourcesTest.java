package dev.mlops.maturity.external;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.maturity.config.BasicAuthRef;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.SecretKeyRef;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.mlflow.RegistryProbes;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfiguredExternalSourcesTest {
  private static final SecretKeyRef MLFLOW_TOKEN = new SecretKeyRef("mlflow-reader", null, "token");
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private final AnswerCache cache = new AnswerCache(clock);
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<URI> prometheusClients = new ArrayList<>();
  private final List<URI> mlflowClients = new ArrayList<>();

  /** A resolver with tokens that a test can rotate; counts lookups. */
  static final class MapTokens implements TokenResolver {
    final Map<SecretKeyRef, String> tokens = new HashMap<>();
    int lookups;

    @Override
    public Optional<String> token(SecretKeyRef ref) {
      lookups++;
      return Optional.ofNullable(tokens.get(ref));
    }
  }

  /** A local server that answers every MLflow call with a registered model and records the Authorization header. */
  private record Recording(URI root, List<String> authorizations) {}

  private Recording server() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<String> auth = Collections.synchronizedList(new ArrayList<>());
    server.createContext("/", exchange -> {
      auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      byte[] body = "{\"registered_model\": {\"name\": \"m\"}}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    servers.add(server);
    return new Recording(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), auth);
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private static OperatorConfig config(Map<String, Endpoint> prometheus, Map<String, Endpoint> mlflow) {
    return new OperatorConfig(prometheus, mlflow, ProbeSettings.DEFAULTS, List.of());
  }

  private BiFunction<URI, Supplier<Optional<String>>, PrometheusApi> prometheusFactory(List<Supplier<Optional<String>>> suppliers) {
    return (uri, token) -> {
      prometheusClients.add(uri);
      suppliers.add(token);
      return new CachingApisTest.EchoPrometheus();
    };
  }

  @Test
  void callsTheConfiguredMlflowServerWithItsBearerTokenAndCachesTheAnswer() throws IOException {
    Recording mlflow = server();
    MapTokens tokens = new MapTokens();
    tokens.tokens.put(MLFLOW_TOKEN, "t0ken");
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of(), Map.of("default", new Endpoint(mlflow.root(), MLFLOW_TOKEN))), tokens, prometheusFactory(new ArrayList<>()), cache);

    Answer<MlflowApi> first = sources.mlflow("default");
    Answer<MlflowApi> second = sources.mlflow("default");
    Answer<MlflowApi.RegisteredModel> a = ((Answer.Ok<MlflowApi>) first).value().registeredModel("m");
    Answer<MlflowApi.RegisteredModel> b = ((Answer.Ok<MlflowApi>) second).value().registeredModel("m");

    assertThat(a).isInstanceOf(Answer.Ok.class).isEqualTo(b);
    assertThat(mlflow.authorizations()).containsExactly("Bearer t0ken");
  }

  @Test
  void callsAnMlflowServerBehindBasicAuthWithTheSecretsUsernameAndPassword() throws IOException {
    Recording mlflow = server();
    MapTokens tokens = new MapTokens();
    BasicAuthRef basic = new BasicAuthRef("mlflow-basic", "mlflow", BasicAuthRef.USERNAME, BasicAuthRef.PASSWORD);
    tokens.tokens.put(basic.username(), "reader");
    tokens.tokens.put(basic.password(), "s3cr:et");
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of(), Map.of("default", new Endpoint(mlflow.root(), null, basic))), tokens, prometheusFactory(new ArrayList<>()), cache);

    ((Answer.Ok<MlflowApi>) sources.mlflow("default")).value().registeredModel("m");
    // the password may hold a colon: only the first one separates (RFC 7617)
    assertThat(mlflow.authorizations()).containsExactly("Basic " + java.util.Base64.getEncoder()
        .encodeToString("reader:s3cr:et".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void withoutTheBasicAuthPasswordNoCredentialsAreSent() {
    MapTokens tokens = new MapTokens();
    BasicAuthRef basic = new BasicAuthRef("prom-basic", null, "user", "pass");
    tokens.tokens.put(basic.username(), "reader");
    List<Supplier<Optional<String>>> suppliers = new ArrayList<>();
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of("default", new Endpoint(URI.create("http://prometheus:9090"), null, basic)), Map.of()), tokens,
        prometheusFactory(suppliers), cache);

    assertThat(sources.prometheus("default")).isInstanceOf(Answer.Ok.class);
    assertThat(suppliers).singleElement().satisfies(s -> assertThat(s.get()).isEmpty());
    tokens.tokens.put(basic.password(), "pw");
    assertThat(suppliers.get(0).get()).contains("Basic " + java.util.Base64.getEncoder()
        .encodeToString("reader:pw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anUnknownNameIsAFailureNamingIt() {
    ConfiguredExternalSources sources = new ConfiguredExternalSources(config(Map.of(), Map.of()), TokenResolver.NONE,
        prometheusFactory(new ArrayList<>()), cache);

    assertThat(sources.prometheus("x")).isEqualTo(Answer.failed("no prometheus endpoint named 'x' is configured"));
    assertThat(sources.mlflow("x")).isEqualTo(Answer.failed("no mlflow endpoint named 'x' is configured"));
    assertThat(sources.mlflow(null)).isInstanceOf(Answer.Failed.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://evil:80", "http://127.0.0.1:%d", "127.0.0.1:%d", "//127.0.0.1:%d/api", "default/../x"})
  void aNameThatLooksLikeAUrlIsJustAnUnknownNameAndNothingIsContacted(String pattern) throws IOException {
    Recording bystander = server();
    Recording configured = server();
    String name = pattern.contains("%d") ? String.format(pattern, bystander.root().getPort()) : pattern;
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of("default", new Endpoint(configured.root(), null)), Map.of("default", new Endpoint(configured.root(), null))),
        TokenResolver.NONE, prometheusFactory(new ArrayList<>()), (uri, token) -> {
          mlflowClients.add(uri);
          return new CachingApisTest.EchoMlflow();
        }, cache);

    assertThat(sources.mlflow(name)).isEqualTo(Answer.failed("no mlflow endpoint named '" + name + "' is configured"));
    assertThat(sources.prometheus(name)).isEqualTo(Answer.failed("no prometheus endpoint named '" + name + "' is configured"));
    assertThat(mlflowClients).isEmpty();
    assertThat(prometheusClients).isEmpty();
    assertThat(bystander.authorizations()).isEmpty();
    assertThat(configured.authorizations()).isEmpty();
  }

  @Test
  void thePrometheusFactoryGetsTheServerRootAndALiveTokenSupplier() {
    MapTokens tokens = new MapTokens();
    SecretKeyRef promToken = new SecretKeyRef("prom-reader", "monitoring", "token");
    tokens.tokens.put(promToken, "first");
    List<Supplier<Optional<String>>> suppliers = new ArrayList<>();
    URI prometheus = URI.create("http://prometheus-operated.monitoring:9090");
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of("default", new Endpoint(prometheus, promToken)), Map.of()), tokens, prometheusFactory(suppliers), cache);

    assertThat(sources.prometheus("default")).isInstanceOf(Answer.Ok.class);
    assertThat(sources.prometheus("default")).isInstanceOf(Answer.Ok.class);

    assertThat(prometheusClients).containsExactly(prometheus);
    assertThat(suppliers).singleElement().satisfies(s -> {
      assertThat(s.get()).contains("Bearer first");
      tokens.tokens.put(promToken, "rotated");
      assertThat(s.get()).contains("Bearer rotated");
    });
  }

  @Test
  void anEndpointWithoutATokenSecretNeverConsultsTheResolver() {
    MapTokens tokens = new MapTokens();
    List<Supplier<Optional<String>>> suppliers = new ArrayList<>();
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of("default", new Endpoint(URI.create("http://prometheus:9090"), null)), Map.of()), tokens, prometheusFactory(suppliers), cache);

    sources.prometheus("default");

    assertThat(suppliers.get(0).get()).isEmpty();
    assertThat(tokens.lookups).isZero();
  }

  @Test
  void createsOneClientPerEndpoint() {
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of(), Map.of("a", new Endpoint(URI.create("http://mlflow-a:5000"), null), "b", new Endpoint(URI.create("http://mlflow-b:5000"), null))),
        TokenResolver.NONE, prometheusFactory(new ArrayList<>()), (uri, token) -> {
          mlflowClients.add(uri);
          return new CachingApisTest.EchoMlflow();
        }, cache);

    for (int i = 0; i < 3; i++) {
      sources.mlflow("a");
      sources.mlflow("b");
      sources.forInterval(Duration.ofMinutes(1)).mlflow("a");
    }

    assertThat(mlflowClients).containsExactlyInAnyOrder(URI.create("http://mlflow-a:5000"), URI.create("http://mlflow-b:5000"));
  }

  @Test
  void registryProbesOfRepeatedEvaluationsAskEachQueryOnceWithinTheInterval() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    servers.add(server);
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    String version = "{\"name\": \"m\", \"version\": \"%s\", \"creation_timestamp\": %s, \"run_id\": \"r%s\", \"status\": \"READY\", "
        + "\"tags\": [{\"key\": \"mlops.gate.result\", \"value\": \"passed\"}, {\"key\": \"mlops.gate.candidate\", \"value\": \"0.9\"}, "
        + "{\"key\": \"mlops.gate.champion\", \"value\": \"0.8\"}, {\"key\": \"mlops.gate.test_set_digest\", \"value\": \"sha256:1\"}]}";
    Map<String, String> bodies = Map.of(
        "registered-models/get", "{\"registered_model\": {\"name\": \"m\", \"latest_versions\": [" + version.formatted("2", "2", "2") + "]}}",
        "model-versions/search", "{\"model_versions\": [" + version.formatted("2", "2", "2") + ", " + version.formatted("1", "1", "1") + "]}",
        "registered-models/alias", "{\"model_version\": " + version.formatted("2", "2", "2") + "}",
        "runs/get", "{\"run\": {\"info\": {\"run_id\": \"r2\", \"status\": \"FINISHED\"}, \"data\": {\"metrics\": [{\"key\": \"auc\", \"value\": 0.9}], "
            + "\"params\": [{\"key\": \"d\", \"value\": \"1\"}]}, \"inputs\": {\"dataset_inputs\": [{\"dataset\": {\"name\": \"tx\", "
            + "\"digest\": \"e3b0\", \"source\": \"s3://lake/tx@v1\"}}]}}}");
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath().replace("/api/2.0/mlflow/", "");
      asked.add(path + "?" + exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = bodies.getOrDefault(path, "{}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    MapTokens tokens = new MapTokens();
    tokens.tokens.put(MLFLOW_TOKEN, "t0ken");
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of(), Map.of("default", new Endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), MLFLOW_TOKEN))),
        tokens, prometheusFactory(new ArrayList<>()), cache);
    WorkloadTarget target = new WorkloadTarget("fraud", "m", null, "m", "default", "default", Duration.ofMinutes(2));
    EvidenceCollector collector = new EvidenceCollector(new ProbeSet(RegistryProbes.all()), ProbeSettings.DEFAULTS, clock);
    Set<String> capabilities = Set.of("model-registry", "model-versioning", "experiment-tracking", "quality-gate", "data-versioning");

    Map<String, Evidence> first = collector.workload(target, new InMemoryClusterView(), sources.forInterval(target.evaluationInterval()), Map.of(), capabilities);
    clock.advance(Duration.ofSeconds(90));
    Map<String, Evidence> second = collector.workload(target, new InMemoryClusterView(), sources.forInterval(target.evaluationInterval()), Map.of(), capabilities);

    assertThat(first.values()).extracting(Evidence::state).containsOnly(CapabilityState.Satisfied);
    assertThat(second).isEqualTo(first);
    assertThat(asked).doesNotHaveDuplicates().hasSize(4).allMatch(a -> a.endsWith(" Bearer t0ken"));

    clock.advance(Duration.ofSeconds(30));
    collector.workload(target, new InMemoryClusterView(), sources.forInterval(target.evaluationInterval()), Map.of(), capabilities);
    assertThat(asked).hasSize(8);
  }

  @Test
  void answersAreKeptForTheTargetsEvaluationInterval() {
    CachingApisTest.EchoMlflow echo = new CachingApisTest.EchoMlflow();
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of(), Map.of("default", new Endpoint(URI.create("http://mlflow:5000"), null))),
        TokenResolver.NONE, prometheusFactory(new ArrayList<>()), (uri, token) -> echo, cache);
    MlflowApi everyMinute = ((Answer.Ok<MlflowApi>) sources.forInterval(Duration.ofMinutes(1)).mlflow("default")).value();
    MlflowApi everyFiveMinutes = ((Answer.Ok<MlflowApi>) sources.mlflow("default")).value();

    everyMinute.run("r1");
    everyFiveMinutes.modelVersions("m");
    clock.advance(Duration.ofSeconds(61));
    everyMinute.run("r1");
    everyFiveMinutes.modelVersions("m");

    assertThat(echo.calls).containsExactly("run r1", "search m", "run r1");
  }
}
