package dev.mlops.maturity.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.maturity.evaluation.GovernancePolicy;
import dev.mlops.maturity.evaluation.GovernancePolicy.ApprovalRules;
import dev.mlops.maturity.evaluation.GovernancePolicy.DeclaredRules;
import dev.mlops.maturity.evaluation.GovernancePolicy.NotApplicableRules;
import dev.mlops.maturity.evaluation.GovernancePolicy.WaiverRules;
import dev.mlops.maturity.model.CapabilityCatalogue;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the {@code policy} section of the operator configuration; an absent key keeps its default. */
final class PolicyReader {
  private static final GovernancePolicy D = GovernancePolicy.DEFAULTS;

  private PolicyReader() {}

  static GovernancePolicy read(JsonNode node, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return D;
    }
    if (!node.isObject()) {
      problems.add("policy must be a map with waivers, notApplicable, declared and approval");
      return D;
    }
    JsonNode w = section(node, "waivers", problems);
    JsonNode n = section(node, "notApplicable", problems);
    WaiverRules waivers = new WaiverRules(
        bool(w, "policy.waivers.requireExpiry", "requireExpiry", D.waivers().requireExpiry(), problems),
        duration(w, "policy.waivers.maxDuration", "maxDuration", D.waivers().maxDuration(), problems),
        capabilities(w, "policy.waivers.deny", "deny", D.waivers().deny(), problems));
    NotApplicableRules notApplicable = new NotApplicableRules(
        capabilities(n, "policy.notApplicable.allow", "allow", D.notApplicable().allow(), problems),
        duration(n, "policy.notApplicable.maxDuration", "maxDuration", D.notApplicable().maxDuration(), problems));
    DeclaredRules declared = new DeclaredRules(bool(section(node, "declared", problems), "policy.declared.requireReference",
        "requireReference", D.declared().requireReference(), problems));
    ApprovalRules approval = new ApprovalRules(bool(section(node, "approval", problems), "policy.approval.required", "required",
        D.approval().required(), problems));
    return new GovernancePolicy(waivers, notApplicable, declared, approval);
  }

  private static JsonNode section(JsonNode node, String key, List<String> problems) {
    JsonNode s = node.path(key);
    if (!s.isMissingNode() && !s.isNull() && !s.isObject()) {
      problems.add("policy." + key + " must be a map");
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return s;
  }

  private static boolean bool(JsonNode node, String path, String key, boolean fallback, List<String> problems) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      problems.add(path + " must be true or false, got '" + v.asText() + "'");
      return fallback;
    }
    return v.asBoolean();
  }

  /** A duration such as 180d or 720h; "0" or an empty string means unbounded. */
  private static Duration duration(JsonNode node, String path, String key, Duration fallback, List<String> problems) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    String text = v.asText();
    if (text.isEmpty() || text.equals("0")) {
      return null;
    }
    Duration d = OperatorConfigLoader.parseWindow(text);
    if (d == null || d.toDays() < 1) {
      problems.add(path + " '" + text + "' is not a duration of at least a day such as 180d or 720h (0 for unbounded)");
      return fallback;
    }
    return d;
  }

  private static Set<String> capabilities(JsonNode node, String path, String key, Set<String> fallback, List<String> problems) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isArray()) {
      problems.add(path + " must be a list of capability ids");
      return fallback;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode item : v) {
      String id = item.asText();
      if (!CapabilityCatalogue.contains(id)) {
        problems.add(path + ": '" + id + "' is not a known capability id");
      } else {
        ids.add(id);
      }
    }
    return ids;
  }
}
