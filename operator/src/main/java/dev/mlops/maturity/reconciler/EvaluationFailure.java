package dev.mlops.maturity.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A short, bounded description of an exception from the pipeline, fit for a condition message (no response bodies). */
final class EvaluationFailure {
  static final int LIMIT = 200;

  private EvaluationFailure() {}

  static String describe(Throwable e) {
    KubernetesClientException api = apiFailure(e);
    String text;
    if (api != null) {
      text = api.getCode() > 0 ? "the Kubernetes API answered HTTP " + api.getCode() : "cannot reach the Kubernetes API (" + root(api) + ")";
    } else {
      String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      text = e.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
    }
    return text.length() <= LIMIT ? text : text.substring(0, LIMIT - 3) + "...";
  }

  private static KubernetesClientException apiFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof KubernetesClientException k) {
        return k;
      }
    }
    return null;
  }

  private static String root(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getClass().getSimpleName();
  }
}
