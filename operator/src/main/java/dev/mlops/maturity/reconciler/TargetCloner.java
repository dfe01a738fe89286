package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;

/**
 * JOSDK's copy of a resource before reconcile, which keeps what the tolerant spec reader found wrong
 * (not serialized, so a plain JSON round trip would lose it and a wrong-typed field would look absent).
 */
final class TargetCloner implements Cloner {
  private final KubernetesSerialization serialization;

  TargetCloner(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  @Override
  public <R extends HasMetadata> R clone(R object) {
    R copy = serialization.clone(object);
    if (object instanceof MaturityTarget original && copy instanceof MaturityTarget cloned
        && original.getSpec() != null && cloned.getSpec() != null) {
      cloned.getSpec().unreadable.putAll(original.getSpec().unreadable);
    }
    return copy;
  }
}
