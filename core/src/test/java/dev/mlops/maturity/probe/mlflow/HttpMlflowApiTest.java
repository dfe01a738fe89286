package dev.mlops.maturity.probe.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.external.Credentials;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import dev.mlops.maturity.probe.mlflow.MlflowApi.RegisteredModel;
import dev.mlops.maturity.probe.mlflow.MlflowApi.Run;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpMlflowApiTest {
  private static final String BODY_MARKER = "LEAKED-BODY-TEXT";
  private final FakeMlflowServer server = new FakeMlflowServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpMlflowApi api() {
    return new HttpMlflowApi(server.root(), Credentials.NONE);
  }

  @Test
  void readsRegisteredModelWithStringVersionsAndAliases() {
    server.answer("registered-models/get", Map.of("name", "fraud-detector"), 200, MlflowShapes.REGISTERED_MODEL);

    Answer<RegisteredModel> answer = api().registeredModel("fraud-detector");

    assertThat(answer).isInstanceOf(Answer.Ok.class);
    RegisteredModel model = ((Answer.Ok<RegisteredModel>) answer).value();
    assertThat(model.name()).isEqualTo("fraud-detector");
    assertThat(model.aliases()).containsEntry("champion", "7").containsEntry("challenger", "8");
    assertThat(model.tags()).containsEntry("team", "risk");
    assertThat(model.latestVersions()).singleElement().satisfies(v -> {
      assertThat(v.version()).isEqualTo("7");
      assertThat(v.ready()).isTrue();
      assertThat(v.creationTimestamp()).isEqualTo(1718000000000L);
      assertThat(v.runId()).isEqualTo("5f1c2e9b0a7d4c1e");
    });
  }

  @Test
  void searchesVersionsWithAQuotedFilterAndOrdersThemNewestFirst() {
    server.answer("model-versions/search", Map.of(), 200, MlflowShapes.MODEL_VERSIONS);

    Answer<List<ModelVersion>> answer = api().modelVersions("fraud-detector");

    assertThat(((Answer.Ok<List<ModelVersion>>) answer).value()).extracting(ModelVersion::version).containsExactly("8", "7", "6");
    FakeMlflowServer.Request sent = server.requests().get(0);
    assertThat(sent.query()).containsEntry("filter", "name='fraud-detector'").containsEntry("max_results", "50");
    assertThat(sent.rawQuery()).startsWith("filter=name%3D%27fraud-detector%27&max_results=50");
  }

  @Test
  void quotesANameContainingASingleQuoteWithDoubleQuotes() {
    server.answer("model-versions/search", Map.of(), 200, "{}");

    Answer<List<ModelVersion>> answer = api().modelVersions("o'brien model");

    assertThat(((Answer.Ok<List<ModelVersion>>) answer).value()).isEmpty();
    assertThat(server.requests().get(0).query()).containsEntry("filter", "name=\"o'brien model\"");
    assertThat(server.requests().get(0).rawQuery()).doesNotContain("+").contains("%20");
  }

  @ParameterizedTest
  @ValueSource(strings = {"it's \"x\"", "back\\slash"})
  void refusesANameThatCannotBeQuotedWithoutCallingTheServer(String name) {
    Answer<List<ModelVersion>> answer = api().modelVersions(name);

    assertThat(answer).isInstanceOf(Answer.Failed.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void encodesNamesSoTheyCannotAddQueryParameters() {
    server.answer("registered-models/get", Map.of(), 200, MlflowShapes.REGISTERED_MODEL);

    api().registeredModel("x&name=other#frag");

    assertThat(server.requests().get(0).query()).containsExactly(Map.entry("name", "x&name=other#frag"));
  }

  @Test
  void resolvesAnAliasToItsVersionWithTags() {
    server.answer("registered-models/alias", Map.of("name", "fraud-detector", "alias", "champion"), 200, MlflowShapes.CHAMPION);

    Answer<ModelVersion> answer = api().alias("fraud-detector", "champion");

    ModelVersion v = ((Answer.Ok<ModelVersion>) answer).value();
    assertThat(v.version()).isEqualTo("7");
    assertThat(v.tags()).containsEntry("mlops.gate.result", "passed").containsEntry("mlops.gate.test_set_digest", "sha256:ab12");
  }

  @Test
  void anAliasThatIsNotSetIsNotFound() {
    server.answer("registered-models/alias", Map.of(), 400, MlflowShapes.ALIAS_NOT_SET);

    assertThat(api().alias("fraud-detector", "champion")).isInstanceOf(Answer.NotFound.class);
  }

  @Test
  void invalidParameterOnOtherCallsIsAFailureNotAbsence() {
    server.answer("registered-models/get", Map.of(), 400, MlflowShapes.ALIAS_NOT_SET);

    Answer<RegisteredModel> answer = api().registeredModel("fraud-detector");

    assertThat(answer).isEqualTo(Answer.failed("rejected (HTTP 400 INVALID_PARAMETER_VALUE)"));
  }

  @Test
  void readsARunWithCountsAndDatasetInputs() {
    server.answer("runs/get", Map.of("run_id", "5f1c2e9b0a7d4c1e"), 200, MlflowShapes.RUN);

    Run run = ((Answer.Ok<Run>) api().run("5f1c2e9b0a7d4c1e")).value();

    assertThat(run.runId()).isEqualTo("5f1c2e9b0a7d4c1e");
    assertThat(run.status()).isEqualTo("FINISHED");
    assertThat(run.metricCount()).isEqualTo(1);
    assertThat(run.paramCount()).isEqualTo(1);
    assertThat(run.tags()).containsEntry("mlflow.user", "ci-bot");
    assertThat(run.datasets()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("transactions");
      assertThat(d.digest()).isEqualTo("e3b0c442");
      assertThat(d.source()).contains("s3://lake/transactions@v42");
    });
  }

  @Test
  void omittedFieldsAreAbsentNotErrors() {
    server.answer("runs/get", Map.of(), 200, "{\"run\": {\"info\": {\"run_uuid\": \"r1\"}}}");
    server.answer("registered-models/get", Map.of(), 200, "{\"registered_model\": {\"name\": \"m\"}}");

    Run run = ((Answer.Ok<Run>) api().run("r1")).value();
    RegisteredModel model = ((Answer.Ok<RegisteredModel>) api().registeredModel("m")).value();

    assertThat(run.runId()).isEqualTo("r1");
    assertThat(run.status()).isNull();
    assertThat(run.metricCount()).isZero();
    assertThat(run.datasets()).isEmpty();
    assertThat(model.latestVersions()).isEmpty();
    assertThat(model.aliases()).isEmpty();
  }

  @Test
  void aNumericVersionIsReadAsText() {
    server.answer("registered-models/alias", Map.of(), 200,
        "{\"model_version\": {\"name\": \"m\", \"version\": 3, \"creation_timestamp\": \"1718000000000\", \"status\": \"READY\"}}");

    ModelVersion v = ((Answer.Ok<ModelVersion>) api().alias("m", "champion")).value();

    assertThat(v.version()).isEqualTo("3");
    assertThat(v.creationTimestamp()).isEqualTo(1718000000000L);
  }

  @Test
  void resourceDoesNotExistIsNotFound() {
    server.answer("registered-models/get", Map.of(), 404, MlflowShapes.MODEL_NOT_FOUND);

    assertThat(api().registeredModel("fraud-detector")).isInstanceOf(Answer.NotFound.class);
  }

  @Test
  void aPlain404IsAFailureNotAbsence() {
    server.answer("registered-models/get", Map.of(), 404, "<html>" + BODY_MARKER + "</html>");

    Answer<RegisteredModel> answer = api().registeredModel("fraud-detector");

    assertThat(answer).isEqualTo(Answer.failed("rejected (HTTP 404)"));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void authenticationFailuresAreUnauthorized(int status) {
    server.otherwise(status, "{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"" + BODY_MARKER + "\"}");

    assertThat(api().registeredModel("fraud-detector")).isEqualTo(Answer.failed("unauthorized (HTTP " + status + ")"));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503})
  void serverErrorsAreFailuresWithoutTheBody(int status) {
    server.otherwise(status, "{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"" + BODY_MARKER + "\"}");

    Answer<Run> answer = api().run("r1");

    assertThat(answer).isEqualTo(Answer.failed("server error (HTTP " + status + ")"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"registered_model\": {", "<html>" + BODY_MARKER + "</html>", "[1, 2]", "{\"registered_model\": {}} trailing",
      "{\"other\": 1}", ""})
  void malformedAnswersAreUnparsable(String body) {
    server.answer("registered-models/get", Map.of(), 200, body);

    assertThat(api().registeredModel("fraud-detector")).isEqualTo(Answer.failed("unparsable answer"));
  }

  @Test
  void aSlowServerTimesOutAfterFiveSeconds() {
    server.answerSlowly("registered-models/get", 8_000, 200, MlflowShapes.REGISTERED_MODEL);
    long start = System.nanoTime();

    Answer<RegisteredModel> answer = api().registeredModel("fraud-detector");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(answer).isEqualTo(Answer.failed("timed out after 5s"));
    assertThat(took).isBetween(Duration.ofMillis(4_900), Duration.ofMillis(7_000));
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    HttpMlflowApi api = new HttpMlflowApi(URI.create("http://127.0.0.1:" + port), Credentials.NONE);

    assertThat(api.registeredModel("fraud-detector")).isEqualTo(Answer.failed("unreachable"));
  }

  @Test
  void sendsTheAuthorizationFromTheSupplierOnEveryCall() {
    server.otherwise(200, MlflowShapes.REGISTERED_MODEL);
    String[] token = {"Bearer t0ken-1"};
    HttpMlflowApi api = new HttpMlflowApi(server.root(), () -> Answer.ok(Optional.of(token[0])));

    api.registeredModel("fraud-detector");
    token[0] = "Basic cmVhZGVyOnMzY3JldA==";
    api.registeredModel("fraud-detector");

    assertThat(server.requests()).extracting(FakeMlflowServer.Request::authorization)
        .containsExactly("Bearer t0ken-1", "Basic cmVhZGVyOnMzY3JldA==");
  }

  @Test
  void credentialsWithControlCharactersAreNotSent() {
    server.otherwise(200, MlflowShapes.REGISTERED_MODEL);
    HttpMlflowApi api = new HttpMlflowApi(server.root(), Credentials.of("Bearer a\r\nX-Injected: 1"));

    assertThat(api.registeredModel("fraud-detector")).isEqualTo(Answer.failed("credentials unusable (control characters)"));
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void sendsNoAuthorizationWithoutAToken() {
    server.otherwise(200, MlflowShapes.REGISTERED_MODEL);

    api().registeredModel("fraud-detector");

    assertThat(server.requests().get(0).authorization()).isNull();
  }

  @Test
  void appendsTheApiPathToAServerRootWithAPrefix() {
    server.otherwise(200, MlflowShapes.REGISTERED_MODEL);
    HttpMlflowApi api = new HttpMlflowApi(URI.create(server.root() + "/mlflow/"), Credentials.NONE);

    api.registeredModel("fraud-detector");

    assertThat(server.requests().get(0).path()).isEqualTo("/mlflow/api/2.0/mlflow/registered-models/get");
  }
}
