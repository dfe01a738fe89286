package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.Tenancy;
import dev.mlops.maturity.probe.Tenancy.MlflowOwnership;
import java.util.Map;

/**
 * The admin's rule that ties an MLflow registered model to a namespace (operator config
 * {@code tenancy.mlflowOwnership}), checked before any version, run, dataset or metric is read. A model
 * that is not registered and a model another namespace owns get the same words, so the answer tells
 * nothing about the other team's model.
 */
final class RegistryOwnership {
  private RegistryOwnership() {}

  /** Ok when {@code namespace} owns {@code model}; NotFound (the same message either way) otherwise; Failed when MLflow fails. */
  static Answer<Void> check(MlflowApi api, String model, String namespace, Tenancy tenancy) {
    MlflowOwnership rule = tenancy.mlflowOwnership();
    if (rule == MlflowOwnership.NONE) {
      return Answer.ok(null);
    }
    if (rule == MlflowOwnership.PREFIX) {
      return owned(prefixed(model, namespace), model, namespace, rule);
    }
    Answer<MlflowApi.RegisteredModel> found = api.registeredModel(model);
    if (found instanceof Answer.Failed<MlflowApi.RegisteredModel> f) {
      return Answer.failed(f.reason());
    }
    Map<String, String> tags = found instanceof Answer.Ok<MlflowApi.RegisteredModel> ok && ok.value().tags() != null
        ? ok.value().tags() : Map.of();
    return owned(namespace.equals(tags.get(Tenancy.NAMESPACE_TAG)), model, namespace, rule);
  }

  private static Answer<Void> owned(boolean owned, String model, String namespace, MlflowOwnership rule) {
    if (owned) {
      return Answer.ok(null);
    }
    String how = rule == MlflowOwnership.TAG ? "tagged " + Tenancy.NAMESPACE_TAG + "=" + namespace
        : "named with the prefix " + namespace + "-";
    return Answer.notFound("no registered model " + TargetRegistry.shortText(model, 128) + " " + how
        + " (tenancy.mlflowOwnership " + rule.name().toLowerCase(java.util.Locale.ROOT) + ")");
  }

  static boolean prefixed(String model, String namespace) {
    if (model.length() <= namespace.length() + 1 || !model.startsWith(namespace)) {
      return false;
    }
    char sep = model.charAt(namespace.length());
    return sep == '-' || sep == '_' || sep == '.' || sep == '/';
  }
}
