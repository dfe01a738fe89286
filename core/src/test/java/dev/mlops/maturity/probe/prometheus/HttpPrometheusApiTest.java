package dev.mlops.maturity.probe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.maturity.external.Credentials;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.AlertRule;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.Sample;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.ScrapeTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpPrometheusApiTest {
  private static final String SECRET_BODY_TEXT = "s3cr3t-body-text";

  private record Reply(int status, String body, long delayMillis) {}

  private HttpServer server;
  private java.util.concurrent.ExecutorService executor;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<URI> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.add(ex.getRequestURI());
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    Reply r = replies.getOrDefault(ex.getRequestURI().getPath(), new Reply(404, "404 page not found", 0));
    try {
      if (r.delayMillis() > 0) {
        Thread.sleep(r.delayMillis());
      }
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(r.status(), body.length);
      ex.getResponseBody().write(body);
    } catch (InterruptedException | IOException e) {
      // the client gave up
    } finally {
      ex.close();
    }
  }

  private HttpPrometheusApi api() {
    return new HttpPrometheusApi("default", URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  private void reply(String path, int status, String body) {
    replies.put(path, new Reply(status, body, 0));
  }

  private static String reason(Answer<?> a) {
    assertThat(a).isInstanceOf(Answer.Failed.class);
    return ((Answer.Failed<?>) a).reason();
  }

  @Test
  void parsesTheInstantVectorOfTheDocumentation() {
    reply("/api/v1/query", 200, """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"namespace":"fraud"},"value":[1719000000.123,"67.41"]},
          {"metric":{"namespace":"recsys"},"value":[1719000000.123,"22.05"]}]}}""");

    Answer<List<Sample>> a = api().query("sum by (namespace) (x)");

    assertThat(a).isEqualTo(Answer.ok(List.of(new Sample(Map.of("namespace", "fraud"), 67.41), new Sample(Map.of("namespace", "recsys"), 22.05))));
  }

  @Test
  void sendsThePromqlUrlEncodedAndItArrivesUnchanged() {
    reply("/api/v1/query", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    String promql = "count by (__name__) ({__name__=~\"(?i).*drift.*\", namespace=\"fraud\"}) + 1 & x";

    api().query(promql);

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getPath()).isEqualTo("/api/v1/query");
    String raw = requests.get(0).getRawQuery();
    assertThat(raw).startsWith("query=").doesNotContain(" ", "\"", "{", "&");
    assertThat(java.net.URLDecoder.decode(raw.substring("query=".length()), StandardCharsets.UTF_8)).isEqualTo(promql);
  }

  @Test
  void anEmptyVectorIsOkAndEmptyNotZero() {
    reply("/api/v1/query", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");

    assertThat(api().query("DCGM_FI_DEV_GPU_UTIL")).isEqualTo(Answer.ok(List.of()));
  }

  @ParameterizedTest
  @CsvSource({"NaN,NaN", "+Inf,Infinity", "-Inf,-Infinity", "1e3,1000", "0,0"})
  void parsesSpecialValueStrings(String wire, double expected) {
    reply("/api/v1/query", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"" + wire + "\"]}]}}");

    Answer<List<Sample>> a = api().query("x");

    assertThat(a).isInstanceOf(Answer.Ok.class);
    assertThat(((Answer.Ok<List<Sample>>) a).value()).singleElement().extracting(Sample::value).isEqualTo(expected);
  }

  @Test
  void aScalarResultIsOneSampleWithoutLabels() {
    reply("/api/v1/query", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1719000000,\"42\"]}}");

    assertThat(api().query("42")).isEqualTo(Answer.ok(List.of(new Sample(Map.of(), 42.0))));
  }

  @Test
  void toleratesWarningsAndUnknownFields() {
    reply("/api/v1/query", 200, """
        {"status":"success","warnings":["w"],"infos":["i"],"extra":{"a":1},
         "data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1,"3"],"histogram":null}],"stats":{}}}""");

    assertThat(api().query("x")).isEqualTo(Answer.ok(List.of(new Sample(Map.of("a", "b"), 3.0))));
  }

  @Test
  void parsesActiveTargets() {
    reply("/api/v1/targets", 200, """
        {"status":"success","data":{"activeTargets":[
          {"discoveredLabels":{"__address__":"10.0.0.1:8080"},
           "labels":{"job":"fraud-detector","namespace":"fraud","pod":"fraud-detector-7d9f","service":"fraud-detector","instance":"10.0.0.1:8080"},
           "scrapePool":"serviceMonitor/fraud/fraud-isvc/0","scrapeUrl":"http://10.0.0.1:8080/metrics","health":"up","lastError":"","lastScrape":"2026-11-22T09:00:00Z"},
          {"labels":{"job":"x"},"health":"down"},
          {}],"droppedTargets":[]}}""");

    Answer<List<ScrapeTarget>> a = api().activeTargets();

    assertThat(requests.get(0).getQuery()).isEqualTo("state=active");
    assertThat(a).isInstanceOf(Answer.Ok.class);
    List<ScrapeTarget> targets = ((Answer.Ok<List<ScrapeTarget>>) a).value();
    assertThat(targets).hasSize(3);
    assertThat(targets.get(0).scrapePool()).isEqualTo("serviceMonitor/fraud/fraud-isvc/0");
    assertThat(targets.get(0).labels()).containsEntry("namespace", "fraud").containsEntry("pod", "fraud-detector-7d9f");
    assertThat(targets.get(0).up()).isTrue();
    assertThat(targets.get(1).up()).isFalse();
    assertThat(targets.get(2)).isEqualTo(new ScrapeTarget(Map.of(), null, null));
  }

  @Test
  void parsesAlertingRulesAndSkipsRecordingRules() {
    reply("/api/v1/rules", 200, """
        {"status":"success","data":{"groups":[{"name":"fraud.rules","file":"/etc/prometheus/rules/fraud.yaml","interval":30,
          "rules":[
            {"state":"inactive","name":"FraudDetectorDown","query":"up{namespace=\\"fraud\\"} == 0","duration":300,
             "labels":{"severity":"critical"},"annotations":{},"alerts":[],"health":"ok","type":"alerting"},
            {"name":"fraud:requests:rate5m","query":"sum(rate(x[5m]))","health":"ok","type":"recording"}]}]}}""");

    Answer<List<AlertRule>> a = api().alertRules();

    assertThat(requests.get(0).getQuery()).isEqualTo("type=alert");
    assertThat(a).isEqualTo(Answer.ok(List.of(
        new AlertRule("fraud.rules", "FraudDetectorDown", "up{namespace=\"fraud\"} == 0", "ok", Map.of("severity", "critical")))));
  }

  @Test
  void anErrorEnvelopeIsFailedWithItsErrorTypeButNotItsText() {
    reply("/api/v1/query", 200, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + SECRET_BODY_TEXT + "\"}");

    String reason = reason(api().query("x"));

    assertThat(reason).contains("bad_data").contains("default").doesNotContain(SECRET_BODY_TEXT);
  }

  @Test
  void aBadRequestWithAnErrorEnvelopeNamesStatusAndErrorType() {
    reply("/api/v1/query", 400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + SECRET_BODY_TEXT + "\"}");

    assertThat(reason(api().query("sum("))).isEqualTo("prometheus default rejected (HTTP 400 bad_data)");
  }

  @ParameterizedTest
  @CsvSource({"500,server error", "503,server error", "401,unauthorized", "403,unauthorized", "404,rejected"})
  void aNon200AnswerIsFailedWithTheStatusOnly(int status, String kind) {
    reply("/api/v1/targets", status, "<html>" + SECRET_BODY_TEXT + "</html>");

    assertThat(reason(api().activeTargets())).isEqualTo("prometheus default " + kind + " (HTTP " + status + ")");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not json at all " + SECRET_BODY_TEXT,
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1]}]}}",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"abc\"]}]}}",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{\"a\":1}}}",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}",
      "{\"data\":{}}",
      "[1,2,3]",
      "''"})
  void garbageIsAnUnparsableAnswer(String body) {
    reply("/api/v1/query", 200, body);

    assertThat(reason(api().query("x"))).isEqualTo("prometheus default unparsable answer").doesNotContain(SECRET_BODY_TEXT);
  }

  @Test
  void aSlowAnswerTimesOutAfterFiveSeconds() {
    replies.put("/api/v1/query", new Reply(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", 6_000));
    long start = System.nanoTime();

    String reason = reason(api().query("x"));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(reason).isEqualTo("prometheus default timed out after 5s");
    // the server answers after 6 s: a Failed answer before that proves the client gave up on its own
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(4_900));
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    HttpPrometheusApi closed = new HttpPrometheusApi("default", URI.create("http://127.0.0.1:" + port));

    assertThat(reason(closed.query("x"))).isEqualTo("prometheus default unreachable");
    assertThat(reason(closed.activeTargets())).isEqualTo("prometheus default unreachable");
  }

  @Test
  void sendsTheAuthorizationWhenOneIsSupplied() {
    reply("/api/v1/rules", 200, "{\"status\":\"success\",\"data\":{\"groups\":[]}}");
    HttpPrometheusApi withToken = new HttpPrometheusApi("default", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Credentials.of("Bearer tok-123\n"));

    assertThat(withToken.alertRules()).isEqualTo(Answer.ok(List.of()));
    api().alertRules();

    assertThat(authorizations).containsExactly("Bearer tok-123", "");
  }

  @Test
  void keepsAPathPrefixOfTheServerRoot() {
    reply("/prometheus/api/v1/query", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    HttpPrometheusApi prefixed = new HttpPrometheusApi("default", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prometheus"));

    assertThat(prefixed.query("up")).isEqualTo(Answer.ok(List.of()));
    assertThat(requests.get(0).getPath()).isEqualTo("/prometheus/api/v1/query");
  }

  @Test
  void aFailingTokenSupplierIsFailedWithoutCallingTheServer() {
    HttpPrometheusApi broken = new HttpPrometheusApi("default", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), () -> {
      throw new IllegalStateException("secret missing");
    });

    assertThat(reason(broken.query("x"))).isEqualTo("prometheus default credentials unavailable (IllegalStateException)");
    assertThat(requests).isEmpty();
  }
}
