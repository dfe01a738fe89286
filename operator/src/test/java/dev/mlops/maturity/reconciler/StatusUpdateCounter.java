package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the API server behind {@link StatusWriter}: counts status writes and keeps the stored
 * target (its status and resourceVersion), as the Flink operator's StatusUpdateCounter does; can be
 * told to answer every write with an HTTP error.
 */
final class StatusUpdateCounter implements StatusWriter.StatusPatch {
  private final MaturityTarget stored;
  private final List<MaturityTargetStatus> written = new ArrayList<>();
  private int failWith;

  StatusUpdateCounter(MaturityTarget stored) {
    this.stored = stored;
    stored.getMetadata().setResourceVersion("1");
  }

  @Override
  public void patch(MaturityTarget target, MaturityTargetStatus next, Context<MaturityTarget> context) {
    if (failWith > 0) {
      throw new KubernetesClientException("Failure executing: PATCH ... Received status: Status(code=" + failWith + ", message=<body>)", failWith, null);
    }
    MaturityTargetStatus copy = Serialization.clone(next);
    written.add(copy);
    stored.setStatus(copy);
    stored.getMetadata().setResourceVersion(String.valueOf(Long.parseLong(stored.getMetadata().getResourceVersion()) + 1));
  }

  /** Every later write fails with this HTTP code (0: writes succeed again). */
  void failWith(int code) {
    failWith = code;
  }

  int count() {
    return written.size();
  }

  /** The target as JOSDK's cache would hand it to the next reconcile: a copy of what the server holds. */
  MaturityTarget current() {
    return Serialization.clone(stored);
  }
}
