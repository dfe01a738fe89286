package dev.mlops.maturity.external;

import dev.mlops.maturity.config.BasicAuthRef;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.SecretKeyRef;
import dev.mlops.maturity.probe.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The Authorization header an endpoint sends, looked up before each request: none, a value
 * ({@code Bearer <token>}, {@code Basic <base64 of username:password>}), or a failed lookup, after
 * which the request is not sent at all (never unauthenticated instead).
 */
@FunctionalInterface
public interface Credentials {
  /** Ok(empty): send no header; Ok(value): send it; Failed: the configured credential cannot be read. */
  Answer<Optional<String>> header();

  Credentials NONE = () -> Answer.ok(Optional.empty());

  /** A fixed header value (tests, and endpoints whose credential is not in a Secret). */
  static Credentials of(String headerValue) {
    return () -> Answer.ok(Optional.ofNullable(headerValue));
  }

  /** The credential an endpoint's configuration names, read through {@code tokens} on each call. */
  static Credentials of(Endpoint endpoint, TokenResolver tokens) {
    SecretKeyRef token = endpoint.tokenSecretRef();
    BasicAuthRef basic = endpoint.basicAuthSecretRef();
    if (token == null && basic == null) {
      return NONE;
    }
    if (tokens == null) {
      return () -> Answer.failed("no Secret reader configured");
    }
    if (token != null) {
      return () -> secret(tokens, token).map(t -> Optional.of("Bearer " + t));
    }
    return () -> {
      Answer<String> user = secret(tokens, basic.username());
      Answer<String> password = user instanceof Answer.Ok<String> ? secret(tokens, basic.password()) : user;
      if (!(user instanceof Answer.Ok<String> u) || !(password instanceof Answer.Ok<String> p)) {
        return password.map(p -> Optional.<String>empty());
      }
      String pair = u.value() + ":" + p.value();
      return Answer.ok(Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    };
  }

  private static Answer<String> secret(TokenResolver tokens, SecretKeyRef ref) {
    Optional<String> value = tokens.token(ref);
    if (value.isPresent()) {
      return Answer.ok(value.get());
    }
    return Answer.failed(tokens.problem(ref).orElse("no value for key '" + ref.key() + "' of Secret " + ref.name()));
  }
}
