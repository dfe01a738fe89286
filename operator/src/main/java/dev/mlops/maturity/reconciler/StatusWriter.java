package dev.mlops.maturity.reconciler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.status.StatusDiff;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write phase: a JSON patch of the status subresource (never server-side apply) that replaces
 * the whole status, sent only when the status changed in anything but timestamps, built from a
 * fresh object that carries only identity and status. A test of the resourceVersion makes it
 * conditional; on a conflict (409/422) JOSDK re-reads the target and the patch is retried. Whole
 * replacement also avoids merge-patch list semantics (some servers append lists). The result goes into the primary cache, so the next reconcile
 * already sees it (no second regression from a stale cache).
 */
public final class StatusWriter {
  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);

  /** Sends one status write; tests count these instead of talking to an API server. */
  interface StatusPatch {
    void patch(MaturityTarget target, MaturityTargetStatus next, Context<MaturityTarget> context);
  }

  private final StatusPatch patch;

  public StatusWriter() {
    this(StatusWriter::patchAndCache);
  }

  StatusWriter(StatusPatch patch) {
    this.patch = patch;
  }

  /** Returns true when the status was written. */
  public boolean write(MaturityTarget target, MaturityTargetStatus next, Context<MaturityTarget> context) {
    List<String> changed = StatusDiff.changes(target.getStatus(), next);
    if (changed.isEmpty()) {
      return false;
    }
    log.debug("{}/{}: status changed at {}", target.getMetadata().getNamespace(), target.getMetadata().getName(), changed);
    patch.patch(target, next, context);
    return true;
  }

  private static void patchAndCache(MaturityTarget target, MaturityTargetStatus next, Context<MaturityTarget> context) {
    PrimaryUpdateAndCacheUtils.updateAndCacheResource(target, context,
        current -> fresh(current, next),
        fresh -> context.getClient().resource(fresh).subresource("status")
            .patch(PatchContext.of(PatchType.JSON), jsonPatch(fresh)));
  }

  static MaturityTarget fresh(MaturityTarget current, MaturityTargetStatus status) {
    MaturityTarget fresh = new MaturityTarget();
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(current.getMetadata().getName())
        .withNamespace(current.getMetadata().getNamespace())
        .withResourceVersion(current.getMetadata().getResourceVersion())
        .build());
    fresh.setStatus(status);
    return fresh;
  }

  /** [test resourceVersion, add /status] — "add" replaces an existing member, and creates a missing one. */
  static String jsonPatch(MaturityTarget fresh) {
    ArrayNode patch = Serialization.jsonMapper().createArrayNode();
    String version = fresh.getMetadata().getResourceVersion();
    if (version != null) {
      patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion").put("value", version);
    }
    ObjectNode status = Serialization.jsonMapper().valueToTree(fresh.getStatus());
    patch.addObject().put("op", "add").put("path", "/status").set("value", status);
    return patch.toString();
  }
}
