package dev.mlops.maturity.config;

import java.net.URI;
import java.util.stream.Stream;

/**
 * A server root URL named in the admin's configuration, with at most one credential: a bearer token
 * Secret key, or a basic-auth Secret.
 */
public record Endpoint(URI url, SecretKeyRef tokenSecretRef, BasicAuthRef basicAuthSecretRef) {
  public Endpoint(URI url, SecretKeyRef tokenSecretRef) {
    this(url, tokenSecretRef, null);
  }

  /** The Secret keys this endpoint's credential is read from (none without a credential). */
  public Stream<SecretKeyRef> secretKeys() {
    if (tokenSecretRef != null) {
      return Stream.of(tokenSecretRef);
    }
    return basicAuthSecretRef == null ? Stream.empty() : Stream.of(basicAuthSecretRef.username(), basicAuthSecretRef.password());
  }
}
