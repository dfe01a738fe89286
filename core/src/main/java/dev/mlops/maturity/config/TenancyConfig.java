package dev.mlops.maturity.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.maturity.probe.Tenancy;
import dev.mlops.maturity.probe.Tenancy.MlflowOwnership;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code tenancy:} section of the operator configuration; absent keys keep the fail-closed defaults. */
final class TenancyConfig {
  private TenancyConfig() {}

  static Tenancy parse(JsonNode node, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return Tenancy.DEFAULTS;
    }
    if (!node.isObject()) {
      problems.add("tenancy must be a map with sharedMonitoringNamespaces and mlflowOwnership");
      return Tenancy.DEFAULTS;
    }
    List<String> shared = new ArrayList<>();
    JsonNode list = node.path("sharedMonitoringNamespaces");
    if (list.isArray()) {
      list.forEach(n -> {
        if (n.isTextual() && !n.asText().isBlank()) {
          shared.add(n.asText());
        } else {
          problems.add("tenancy.sharedMonitoringNamespaces must hold namespace names");
        }
      });
    } else if (!list.isMissingNode() && !list.isNull()) {
      problems.add("tenancy.sharedMonitoringNamespaces must be a list of namespace names");
    }
    MlflowOwnership ownership = Tenancy.DEFAULTS.mlflowOwnership();
    JsonNode rule = node.path("mlflowOwnership");
    if (!rule.isMissingNode() && !rule.isNull()) {
      try {
        ownership = MlflowOwnership.valueOf(rule.asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add("tenancy.mlflowOwnership must be tag, prefix or none");
      }
    }
    return new Tenancy(shared, ownership);
  }
}
