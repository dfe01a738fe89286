package dev.mlops.maturity.probe;

import java.util.function.Function;

/**
 * An external (HTTP) answer: a value, a definite "does not exist" (MLflow RESOURCE_DOES_NOT_EXIST,
 * which means Missing), a failure (401/403/5xx, timeout, garbage: Unknown), or, for an endpoint
 * lookup, "no endpoint of that name is configured" (Unknown, reason NotConfigured: not a failure).
 * Failure reasons are our own words, never a copied response body.
 */
public sealed interface Answer<T> {
  record Ok<T>(T value) implements Answer<T> {}

  record NotFound<T>(String what) implements Answer<T> {}

  record Failed<T>(String reason) implements Answer<T> {}

  /** No {@code integration} endpoint named {@code endpoint} is in the operator configuration. */
  record NotConfigured<T>(String integration, String endpoint) implements Answer<T> {
    public String reason() {
      return "no " + integration + " endpoint named '" + endpoint + "' is configured";
    }
  }

  static <T> Answer<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Answer<T> notFound(String what) {
    return new NotFound<>(what);
  }

  static <T> Answer<T> failed(String reason) {
    return new Failed<>(reason);
  }

  static <T> Answer<T> notConfigured(String integration, String endpoint) {
    return new NotConfigured<>(integration, endpoint);
  }

  default <R> Answer<R> map(Function<T, R> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    if (this instanceof NotFound<T> nf) {
      return new NotFound<>(nf.what());
    }
    if (this instanceof NotConfigured<T> nc) {
      return new NotConfigured<>(nc.integration(), nc.endpoint());
    }
    return new Failed<>(((Failed<T>) this).reason());
  }
}
