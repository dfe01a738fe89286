package dev.mlops.maturity.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a new status differs from the stored one in anything but timestamps (worth a write), and
 * where: paths such as {@code status.conditions[Ready].status} or {@code status.capabilities[model-registry].state}
 * (list entries are named by their {@code type} or {@code id}), for a debug log when a status churns.
 */
public final class StatusDiff {
  private static final int PATH_LIMIT = 20;

  private StatusDiff() {}

  public static boolean significant(MaturityTargetStatus before, MaturityTargetStatus after) {
    return !changes(before, after).isEmpty();
  }

  /** The paths that changed, at most {@value #PATH_LIMIT}; empty when only timestamps differ. */
  public static List<String> changes(MaturityTargetStatus before, MaturityTargetStatus after) {
    if (before == null || after == null) {
      return before == after ? List.of() : List.of("status");
    }
    List<String> out = new ArrayList<>();
    compare("status", withoutTimestamps(before), withoutTimestamps(after), out);
    return out.size() <= PATH_LIMIT ? out : List.copyOf(out.subList(0, PATH_LIMIT));
  }

  private static void compare(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a.equals(b) || out.size() > PATH_LIMIT) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> fields = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(fields::add);
      b.fieldNames().forEachRemaining(fields::add);
      for (String f : fields) {
        compare(path + "." + f, a.path(f), b.path(f), out);
      }
      return;
    }
    if (a.isArray() && b.isArray()) {
      Map<String, JsonNode> left = keyed(a);
      Map<String, JsonNode> right = keyed(b);
      if (left != null && right != null) {
        Set<String> keys = new LinkedHashSet<>(left.keySet());
        keys.addAll(right.keySet());
        for (String k : keys) {
          compare(path + "[" + k + "]", left.getOrDefault(k, MissingNode.getInstance()), right.getOrDefault(k, MissingNode.getInstance()), out);
        }
        return;
      }
      if (a.size() == b.size()) {
        for (int i = 0; i < a.size(); i++) {
          compare(path + "[" + i + "]", a.get(i), b.get(i), out);
        }
        return;
      }
    }
    out.add(path);
  }

  /** Entries by their {@code type} (conditions) or {@code id} (capabilities); null when not every entry has a unique one. */
  private static Map<String, JsonNode> keyed(JsonNode array) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      JsonNode e = it.next();
      JsonNode key = e.has("type") ? e.get("type") : e.get("id");
      if (key == null || !key.isTextual() || out.put(key.asText(), e) != null) {
        return null;
      }
    }
    return out;
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
