package dev.mlops.maturity.admission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The webhook's TLS identity from the PEM files of a {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key}):
 * a PKCS#8 private key ({@code BEGIN PRIVATE KEY}, RSA or EC; cert-manager's {@code encoding: PKCS8}) and the chain.
 */
final class PemIdentity {
  private PemIdentity() {}

  static SSLContext sslContext(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    String keyPem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    if (!keyPem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new GeneralSecurityException(keyFile + " is not a PKCS#8 private key (BEGIN PRIVATE KEY); convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt' or set privateKey.encoding: PKCS8 on the cert-manager Certificate");
    }
    PrivateKey key = privateKey(der(keyPem, "PRIVATE KEY"));
    List<? extends Certificate> chain;
    try (var in = new ByteArrayInputStream(Files.readAllBytes(certFile))) {
      chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException(certFile + " holds no certificate");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] none = new char[0];
    store.setKeyEntry("webhook", key, none, chain.toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, none);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("the private key is neither RSA, EC nor Ed25519", last);
  }

  private static byte[] der(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    int start = pem.indexOf(begin) + begin.length();
    int end = pem.indexOf("-----END " + label + "-----", start);
    return Base64.getMimeDecoder().decode(pem.substring(start, end));
  }
}
