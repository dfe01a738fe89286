package dev.mlops.maturity.probe;

import java.util.function.Function;

/**
 * An external (HTTP) answer: a value, a definite "does not exist" (MLflow RESOURCE_DOES_NOT_EXIST,
 * which means Missing), or a failure (401/403/5xx, timeout, garbage: Unknown). Failure reasons are
 * our own words, never a copied response body. An endpoint lookup whose name no configured endpoint
 * has is a Failed answer marked {@code notConfigured}: probes treat it like any failure (Unknown), and
 * the collector gives that Unknown the reason NotConfigured, which is not an outage.
 */
public sealed interface Answer<T> {
  record Ok<T>(T value) implements Answer<T> {}

  record NotFound<T>(String what) implements Answer<T> {}

  record Failed<T>(String reason, boolean notConfigured) implements Answer<T> {
    public Failed(String reason) {
      this(reason, false);
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

  /** No {@code integration} endpoint named {@code endpoint} is in the operator configuration. */
  static <T> Answer<T> notConfigured(String integration, String endpoint) {
    return new Failed<>("no " + integration + " endpoint named '" + endpoint + "' is configured", true);
  }

  default <R> Answer<R> map(Function<T, R> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    if (this instanceof NotFound<T> nf) {
      return new NotFound<>(nf.what());
    }
    Failed<T> failed = (Failed<T>) this;
    return new Failed<>(failed.reason(), failed.notConfigured());
  }
}
