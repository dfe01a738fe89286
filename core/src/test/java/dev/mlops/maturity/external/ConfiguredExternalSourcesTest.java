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
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.mlflow.RegistryProbes;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.mlflow.HttpMlflowApi;
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
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfiguredExternalSourcesTest {
  private static final SecretKeyRef MLFLOW_TOKEN = new SecretKeyRef("mlflow-reader", null, "token");
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");
  private final AnswerCache cache = new AnswerCache(clock, Duration.ofMinutes(5));
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<URI> prometheusClients = new ArrayList<>();
  private final List<URI> mlflowClients = new ArrayList<>();
  private final List<JsonEndpoint> prometheusEndpoints = new ArrayList<>();

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

  /** Records the transport each Prometheus client was made with; answers from memory. */
  private Function<JsonEndpoint, PrometheusApi> prometheusFactory() {
    return endpoint -> {
      prometheusClients.add(endpoint.root());
      prometheusEndpoints.add(endpoint);
      return new CachingApisTest.EchoPrometheus();
    };
  }

  private Function<JsonEndpoint, MlflowApi> echoMlflow(MlflowApi echo) {
    return endpoint -> {
      mlflowClients.add(endpoint.root());
      return echo;
    };
  }

  private static ConfiguredExternalSources sources(OperatorConfig config, TokenResolver tokens, Function<JsonEndpoint, PrometheusApi> prometheus) {
    return new ConfiguredExternalSources(config, tokens, prometheus, HttpMlflowApi::new, JsonEndpoint.Limits.DEFAULTS);
  }

  private static Answer<Optional<String>> header(JsonEndpoint endpoint) {
    return endpoint.credentials().header();
  }

  @Test
  void callsTheConfiguredMlflowServerWithItsBearerTokenAndCachesTheAnswer() throws IOException {
    Recording mlflow = server();
    MapTokens tokens = new MapTokens();
    tokens.tokens.put(MLFLOW_TOKEN, "t0ken");
    ExternalSources sources = new CachedExternalSources(
        sources(config(Map.of(), Map.of("default", new Endpoint(mlflow.root(), MLFLOW_TOKEN))), tokens, prometheusFactory()), cache);

    Answer<MlflowApi> first = sources.mlflow("default");
    Answer<MlflowApi> second = sources.mlflow("default");
    Answer<MlflowApi.RegisteredModel> a = ((Answer.Ok<MlflowApi>) first).value().registeredModel("m");
    Answer<MlflowApi.RegisteredModel> b = ((Answer.Ok<MlflowApi>) second).value().registeredModel("m");

    assertThat(a).isInstanceOf(Answer.Ok.class).isEqualTo(b);
    assertThat(mlflow.authorizations()).containsExactly("Bearer t0ken");
  }

  @Test
  void theSourcesKeepNoAnswersSoTheAnswerCacheIsTheOnlyCache() throws IOException {
    Recording mlflow = server();
    ConfiguredExternalSources sources = sources(config(Map.of(), Map.of("default", new Endpoint(mlflow.root(), null))),
        TokenResolver.NONE, prometheusFactory());

    ((Answer.Ok<MlflowApi>) sources.mlflow("default")).value().registeredModel("m");
    ((Answer.Ok<MlflowApi>) sources.mlflow("default")).value().registeredModel("m");

    assertThat(mlflow.authorizations()).hasSize(2);
  }

  @Test
  void callsAnMlflowServerBehindBasicAuthWithTheSecretsUsernameAndPassword() throws IOException {
    Recording mlflow = server();
    MapTokens tokens = new MapTokens();
    BasicAuthRef basic = new BasicAuthRef("mlflow-basic", "mlflow", BasicAuthRef.USERNAME, BasicAuthRef.PASSWORD);
    tokens.tokens.put(basic.username(), "reader");
    tokens.tokens.put(basic.password(), "s3cr:et");
    ConfiguredExternalSources sources = sources(config(Map.of(), Map.of("default", new Endpoint(mlflow.root(), null, basic))), tokens,
        prometheusFactory());

    ((Answer.Ok<MlflowApi>) sources.mlflow("default")).value().registeredModel("m");
    // the password may hold a colon: only the first one separates (RFC 7617)
    assertThat(mlflow.authorizations()).containsExactly("Basic " + java.util.Base64.getEncoder()
        .encodeToString("reader:s3cr:et".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void withoutTheBasicAuthPasswordNoRequestIsSentAtAll() throws IOException {
    Recording mlflow = server();
    MapTokens tokens = new MapTokens();
    BasicAuthRef basic = new BasicAuthRef("prom-basic", null, "user", "pass");
    tokens.tokens.put(basic.username(), "reader");
    ConfiguredExternalSources sources = sources(
        config(Map.of("default", new Endpoint(URI.create("http://prometheus:9090"), null, basic)),
            Map.of("default", new Endpoint(mlflow.root(), null, basic))), tokens, prometheusFactory());

    assertThat(sources.prometheus("default")).isInstanceOf(Answer.Ok.class);
    assertThat(header(prometheusEndpoints.get(0))).isInstanceOf(Answer.Failed.class);
    Answer<MlflowApi.RegisteredModel> answer = ((Answer.Ok<MlflowApi>) sources.mlflow("default")).value().registeredModel("m");
    assertThat(answer).isInstanceOf(Answer.Failed.class);
    assertThat(((Answer.Failed<?>) answer).reason()).startsWith("credentials unavailable");
    assertThat(mlflow.authorizations()).as("never an unauthenticated request instead").isEmpty();

    tokens.tokens.put(basic.password(), "pw");
    assertThat(header(prometheusEndpoints.get(0))).isEqualTo(Answer.ok(Optional.of("Basic " + java.util.Base64.getEncoder()
        .encodeToString("reader:pw".getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void anUnknownNameIsNotConfiguredNamingIt() {
    ConfiguredExternalSources sources = sources(config(Map.of(), Map.of()), TokenResolver.NONE, prometheusFactory());

    assertThat(sources.prometheus("x")).isEqualTo(Answer.notConfigured("prometheus", "x"));
    assertThat(((Answer.Failed<?>) sources.prometheus("x")).reason()).isEqualTo("no prometheus endpoint named 'x' is configured");
    assertThat(sources.mlflow("x")).isEqualTo(Answer.notConfigured("mlflow", "x"));
    assertThat(((Answer.Failed<?>) sources.mlflow("x")).reason()).isEqualTo("no mlflow endpoint named 'x' is configured");
    assertThat(sources.mlflow(null)).isInstanceOfSatisfying(Answer.Failed.class, f -> assertThat(f.notConfigured()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://evil:80", "http://127.0.0.1:%d", "127.0.0.1:%d", "//127.0.0.1:%d/api", "default/../x"})
  void aNameThatLooksLikeAUrlIsJustAnUnknownNameAndNothingIsContacted(String pattern) throws IOException {
    Recording bystander = server();
    Recording configured = server();
    String name = pattern.contains("%d") ? String.format(pattern, bystander.root().getPort()) : pattern;
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of("default", new Endpoint(configured.root(), null)), Map.of("default", new Endpoint(configured.root(), null))),
        TokenResolver.NONE, prometheusFactory(), echoMlflow(new CachingApisTest.EchoMlflow()), JsonEndpoint.Limits.DEFAULTS);

    assertThat(sources.mlflow(name)).isEqualTo(Answer.notConfigured("mlflow", name));
    assertThat(sources.prometheus(name)).isEqualTo(Answer.notConfigured("prometheus", name));
    assertThat(mlflowClients).isEmpty();
    assertThat(prometheusClients).isEmpty();
    assertThat(bystander.authorizations()).isEmpty();
    assertThat(configured.authorizations()).isEmpty();
  }

  @Test
  void thePrometheusFactoryGetsTheServerRootAndALiveCredential() {
    MapTokens tokens = new MapTokens();
    SecretKeyRef promToken = new SecretKeyRef("prom-reader", "monitoring", "token");
    tokens.tokens.put(promToken, "first");
    URI prometheus = URI.create("http://prometheus-operated.monitoring:9090");
    ConfiguredExternalSources sources = sources(config(Map.of("default", new Endpoint(prometheus, promToken)), Map.of()), tokens,
        prometheusFactory());

    assertThat(sources.prometheus("default")).isInstanceOf(Answer.Ok.class);
    assertThat(sources.prometheus("default")).isInstanceOf(Answer.Ok.class);

    assertThat(prometheusClients).containsExactly(prometheus);
    assertThat(prometheusEndpoints).singleElement().satisfies(e -> {
      assertThat(header(e)).isEqualTo(Answer.ok(Optional.of("Bearer first")));
      tokens.tokens.put(promToken, "rotated");
      assertThat(header(e)).isEqualTo(Answer.ok(Optional.of("Bearer rotated")));
    });
  }

  @Test
  void anEndpointWithoutATokenSecretNeverConsultsTheResolver() {
    MapTokens tokens = new MapTokens();
    ConfiguredExternalSources sources = sources(config(Map.of("default", new Endpoint(URI.create("http://prometheus:9090"), null)), Map.of()),
        tokens, prometheusFactory());

    sources.prometheus("default");

    assertThat(header(prometheusEndpoints.get(0))).isEqualTo(Answer.ok(Optional.empty()));
    assertThat(tokens.lookups).isZero();
  }

  @Test
  void createsOneClientPerEndpoint() {
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of(), Map.of("a", new Endpoint(URI.create("http://mlflow-a:5000"), null), "b", new Endpoint(URI.create("http://mlflow-b:5000"), null))),
        TokenResolver.NONE, prometheusFactory(), echoMlflow(new CachingApisTest.EchoMlflow()), JsonEndpoint.Limits.DEFAULTS);

    for (int i = 0; i < 3; i++) {
      sources.mlflow("a");
      sources.mlflow("b");
      new CachedExternalSources(sources, cache, "team-a/fraud").mlflow("a");
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
    WorkloadTarget target = new WorkloadTarget("fraud", "m", null, "m", "default", "default", Duration.ofMinutes(2));
    // answers kept for the target's evaluation interval
    ExternalSources sources = new CachedExternalSources(sources(
        config(Map.of(), Map.of("default", new Endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), MLFLOW_TOKEN))),
        tokens, prometheusFactory()), new AnswerCache(clock, target.evaluationInterval()));
    EvidenceCollector collector = new EvidenceCollector(new ProbeSet(RegistryProbes.all()), ProbeSettings.DEFAULTS, clock);
    Set<String> capabilities = Set.of("model-registry", "model-versioning", "experiment-tracking", "quality-gate", "data-versioning");

    Map<String, Evidence> first = collector.workload(target, new InMemoryClusterView(), sources, Map.of(), capabilities);
    clock.advance(Duration.ofSeconds(90));
    Map<String, Evidence> second = collector.workload(target, new InMemoryClusterView(), sources, Map.of(), capabilities);

    assertThat(first.values()).extracting(Evidence::state).containsOnly(CapabilityState.Satisfied);
    assertThat(second).isEqualTo(first);
    assertThat(asked).doesNotHaveDuplicates().hasSize(4).allMatch(a -> a.endsWith(" Bearer t0ken"));

    clock.advance(Duration.ofSeconds(30));
    collector.workload(target, new InMemoryClusterView(), sources, Map.of(), capabilities);
    assertThat(asked).hasSize(8);
  }

  @Test
  void answersAreKeptForTheCachesMaxAge() {
    CachingApisTest.EchoMlflow echo = new CachingApisTest.EchoMlflow();
    ConfiguredExternalSources sources = new ConfiguredExternalSources(
        config(Map.of(), Map.of("default", new Endpoint(URI.create("http://mlflow:5000"), null))),
        TokenResolver.NONE, prometheusFactory(), echoMlflow(echo), JsonEndpoint.Limits.DEFAULTS);
    MlflowApi everyMinute = ((Answer.Ok<MlflowApi>) new CachedExternalSources(sources, new AnswerCache(clock, Duration.ofMinutes(1)))
        .mlflow("default")).value();

    everyMinute.run("r1");
    everyMinute.modelVersions("m");
    clock.advance(Duration.ofSeconds(59));
    everyMinute.run("r1");
    clock.advance(Duration.ofSeconds(2));
    everyMinute.run("r1");

    assertThat(echo.calls).containsExactly("run r1", "search m", "run r1");
  }
}
