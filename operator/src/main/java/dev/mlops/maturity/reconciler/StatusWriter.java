package dev.mlops.maturity.reconciler;

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
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The write phase: a JSON merge patch of the status subresource (never server-side apply), sent
 * only when the status changed in anything but timestamps, from a fresh object that carries only
 * identity and status. The resourceVersion makes it conditional; on a conflict JOSDK re-reads the
 * target and the patch is retried. The result goes into the primary cache, so the next reconcile
 * already sees it (no second regression from a stale cache).
 */
public final class StatusWriter {
  /** Returns true when the status was written. */
  public boolean write(MaturityTarget target, MaturityTargetStatus next, Context<MaturityTarget> context) {
    if (!StatusDiff.significant(target.getStatus(), next)) {
      return false;
    }
    PrimaryUpdateAndCacheUtils.updateAndCacheResource(target, context,
        current -> fresh(current, next),
        fresh -> context.getClient().resource(fresh).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch(fresh)));
    return true;
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

  /** A merge patch removes what it names as null, so fields that became empty are sent as explicit nulls. */
  static String mergePatch(MaturityTarget fresh) {
    ObjectNode status = Serialization.jsonMapper().valueToTree(fresh.getStatus());
    for (Field f : MaturityTargetStatus.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && !status.has(f.getName())) {
        status.putNull(f.getName());
      }
    }
    ObjectNode patch = Serialization.jsonMapper().createObjectNode();
    patch.putObject("metadata").put("resourceVersion", fresh.getMetadata().getResourceVersion());
    patch.set("status", status);
    return patch.toString();
  }
}
