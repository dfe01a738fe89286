package dev.mlops.maturity.probe;

import java.util.function.Function;

/**
 * An external (HTTP) answer: a value, a definite "does not exist" (MLflow RESOURCE_DOES_NOT_EXIST,
 * which means Missing), or a failure (401/403/5xx, timeout, garbage: Unknown). Failure reasons are
 * our own words, never a copied response body.
 */
public sealed interface Answer<T> {
  record Ok<T>(T value) implements Answer<T> {}

  record NotFound<T>(String what) implements Answer<T> {}

  record Failed<T>(String reason) implements Answer<T> {}

  static <T> Answer<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Answer<T> notFound(String what) {
    return new NotFound<>(what);
  }

  static <T> Answer<T> failed(String reason) {
    return new Failed<>(reason);
  }

  default <R> Answer<R> map(Function<T, R> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    if (this instanceof NotFound<T> nf) {
      return new NotFound<>(nf.what());
    }
    return new Failed<>(((Failed<T>) this).reason());
  }
}
