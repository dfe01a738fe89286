package dev.mlops.maturity.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.maturity.whatif.ChangeVerdict;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook endpoint over real TLS, with a PEM identity as a kubernetes.io/tls Secret mounts it. */
class AdmissionServerTest {
  @TempDir
  static Path dir;
  static Path cert;
  static Path key;
  static KeyStore store;

  /** A self-signed EC certificate for 127.0.0.1 from the JDK's keytool, written out as PEM (tls.crt, tls.key PKCS#8). */
  @BeforeAll
  static void identity() throws Exception {
    Path p12 = dir.resolve("id.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
        "-alias", "webhook", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    store = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(p12.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    Certificate c = store.getCertificate("webhook");
    cert = Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", c.getEncoded()));
    key = Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", store.getKey("webhook", "changeit".toCharArray()).getEncoded()));
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + label + "-----\n";
  }

  HttpClient trusting() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("webhook", store.getCertificate("webhook"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void servesAdmissionReviewsOverTlsFromPemFiles() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    AdmissionReviewHandler handler = new AdmissionReviewHandler(change -> {
      seen.set(change.describe());
      return new ChangeVerdict(List.of("fraud/fraud-detector would drop 2 → 1: scheduled-retraining Missing"), Optional.empty());
    });
    try (AdmissionServer server = AdmissionServer.start("127.0.0.1", 0, cert, key, handler)) {
      String review = """
          {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
           "request": {"uid": "u-1", "operation": "DELETE", "namespace": "fraud", "name": "fraud-detector-nightly",
                       "kind": {"group": "argoproj.io", "version": "v1alpha1", "kind": "CronWorkflow"}, "oldObject": null}}""";
      HttpResponse<String> response = trusting().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/validate"))
          .POST(HttpRequest.BodyPublishers.ofString(review)).header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(response.body()).contains("\"uid\":\"u-1\"", "\"allowed\":true", "would drop 2 → 1");
      assertThat(seen.get()).as("a DELETE without oldObject names the object from the request").isEqualTo("delete CronWorkflow fraud/fraud-detector-nightly");

      HttpResponse<String> get = trusting().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/validate")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void aKeyThatIsNotPkcs8IsAClearError() throws Exception {
    Path pkcs1 = Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> AdmissionServer.start("127.0.0.1", 0, cert, pkcs1, new AdmissionReviewHandler(c -> ChangeVerdict.ALLOW)))
        .hasMessageContaining("is not a PKCS#8 private key").hasMessageContaining("encoding: PKCS8");
  }
}
