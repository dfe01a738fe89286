package dev.mlops.maturity.external;

import dev.mlops.maturity.testing.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.config.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class SecretTokenResolverTest {
  private static final String OPS_SECRET = "/api/v1/namespaces/ops/secrets/mlflow-reader";
  KubernetesMockServer server;
  KubernetesClient client;
  private final TestClock clock = TestClock.at("2026-11-22T10:00:00Z");

  private static Secret secret(String namespace, String token) {
    return new SecretBuilder().withNewMetadata().withName("mlflow-reader").withNamespace(namespace).endMetadata()
        .addToData("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))).build();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
      out.add(r);
    }
    return out;
  }

  @Test
  void readsExactlyTheNamedSecretAndTrimsTheToken() throws Exception {
    server.expect().get().withPath(OPS_SECRET).andReturn(200, secret("ops", "s3cr3t-token\n")).always();
    SecretTokenResolver resolver = new SecretTokenResolver(client, "maturity-system", clock);

    Optional<String> token = resolver.token(new SecretKeyRef("mlflow-reader", "ops", "token"));

    assertThat(token).contains("s3cr3t-token");
    assertThat(requests()).singleElement().satisfies(r -> {
      assertThat(r.getMethod()).isEqualTo("GET");
      assertThat(r.getPath()).isEqualTo(OPS_SECRET);
    });
  }

  @Test
  void usesTheOperatorsNamespaceWhenTheRefNamesNone() throws Exception {
    server.expect().get().withPath("/api/v1/namespaces/maturity-system/secrets/mlflow-reader")
        .andReturn(200, secret("maturity-system", "tok")).always();
    SecretTokenResolver resolver = new SecretTokenResolver(client, "maturity-system", clock);

    assertThat(resolver.token(new SecretKeyRef("mlflow-reader", null, "token"))).contains("tok");
    assertThat(requests()).extracting(RecordedRequest::getPath).containsExactly("/api/v1/namespaces/maturity-system/secrets/mlflow-reader");
  }

  @Test
  void cachesTheTokenForAMinute() throws Exception {
    server.expect().get().withPath(OPS_SECRET).andReturn(200, secret("ops", "old")).once();
    server.expect().get().withPath(OPS_SECRET).andReturn(200, secret("ops", "rotated")).once();
    SecretTokenResolver resolver = new SecretTokenResolver(client, "maturity-system", clock);
    SecretKeyRef ref = new SecretKeyRef("mlflow-reader", "ops", "token");

    assertThat(resolver.token(ref)).contains("old");
    clock.advance(Duration.ofSeconds(59));
    assertThat(resolver.token(ref)).contains("old");
    assertThat(requests()).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(resolver.token(ref)).contains("rotated");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aForbiddenSecretGivesNoTokenAndSaysWhy() {
    server.expect().get().withPath(OPS_SECRET)
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("secrets is forbidden").build()).always();
    SecretTokenResolver resolver = new SecretTokenResolver(client, "maturity-system", clock);
    SecretKeyRef ref = new SecretKeyRef("mlflow-reader", "ops", "token");

    assertThat(resolver.token(ref)).isEmpty();
    assertThat(resolver.problem(ref)).contains("forbidden: cannot get Secret ops/mlflow-reader");
  }

  @Test
  void aMissingSecretGivesNoTokenAndSaysWhy() {
    server.expect().get().withPath(OPS_SECRET)
        .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound").build()).always();
    SecretTokenResolver resolver = new SecretTokenResolver(client, "maturity-system", clock);
    SecretKeyRef ref = new SecretKeyRef("mlflow-reader", "ops", "token");

    assertThat(resolver.token(ref)).isEmpty();
    assertThat(resolver.problem(ref)).contains("Secret ops/mlflow-reader not found");
  }

  @Test
  void aMissingKeyGivesNoTokenAndNeverShowsTheSecretsValues() {
    server.expect().get().withPath(OPS_SECRET).andReturn(200, secret("ops", "do-not-print")).always();
    SecretTokenResolver resolver = new SecretTokenResolver(client, "maturity-system", clock);
    SecretKeyRef ref = new SecretKeyRef("mlflow-reader", "ops", "password");

    assertThat(resolver.token(ref)).isEmpty();
    assertThat(resolver.problem(ref)).hasValueSatisfying(p -> {
      assertThat(p).isEqualTo("Secret ops/mlflow-reader has no key 'password'");
      assertThat(p).doesNotContain("do-not-print");
    });
  }

  @Test
  void neverListsSecrets() throws Exception {
    server.expect().get().withPath(OPS_SECRET).andReturn(200, secret("ops", "tok")).always();
    SecretTokenResolver resolver = new SecretTokenResolver(client, "maturity-system", clock);

    resolver.token(new SecretKeyRef("mlflow-reader", "ops", "token"));
    resolver.token(new SecretKeyRef("other", "ops", "token"));
    resolver.token(new SecretKeyRef("mlflow-reader", "ops", "other-key"));

    assertThat(requests()).allSatisfy(r -> {
      assertThat(r.getMethod()).isEqualTo("GET");
      assertThat(r.getPath()).matches("/api/v1/namespaces/ops/secrets/[a-z-]+");
    });
  }
}
