package dev.mlops.maturity.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Whether a new status differs from the stored one in anything but timestamps (worth a write). */
public final class StatusDiff {
  private StatusDiff() {}

  public static boolean significant(MaturityTargetStatus before, MaturityTargetStatus after) {
    if (before == null || after == null) {
      return before != after;
    }
    return !withoutTimestamps(before).equals(withoutTimestamps(after));
  }

  private static JsonNode withoutTimestamps(MaturityTargetStatus status) {
    JsonNode tree = Serialization.jsonMapper().valueToTree(status);
    JsonNode conditions = tree.path("conditions");
    if (conditions.isArray()) {
      conditions.forEach(c -> ((ObjectNode) c).remove("lastTransitionTime"));
    }
    return tree;
  }
}
