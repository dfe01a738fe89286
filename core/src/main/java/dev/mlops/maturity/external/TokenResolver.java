package dev.mlops.maturity.external;

import dev.mlops.maturity.config.SecretKeyRef;
import java.util.Optional;

/** Looks up the value of a Secret key an endpoint's credential names (a bearer token, a basic-auth username or password). */
public interface TokenResolver {
  /** The token, or empty when it cannot be read (see {@link #problem}). */
  Optional<String> token(SecretKeyRef ref);

  /** Why the last lookup of this ref gave no token, if it did not. */
  default Optional<String> problem(SecretKeyRef ref) {
    return Optional.empty();
  }

  /** For configurations without token Secrets (and tests). */
  TokenResolver NONE = ref -> Optional.empty();
}
