package dev.mlops.maturity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The subset of OpenAPI v3 schema validation the API server applies to our CRDs (type, required,
 * properties, items, pattern, minimum/maximum, length and item bounds, enum, unknown fields), so
 * tests can show which specs the real server would reject. The mock API server validates nothing.
 * CEL rules (x-kubernetes-validations) are not evaluated here.
 */
final class SchemaChecker {
  private static final Set<String> OBJECT_META_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private SchemaChecker() {}

  /** Errors as "path: what is wrong"; empty when the document is valid. */
  static List<String> check(JSONSchemaProps schema, JsonNode document) {
    List<String> errors = new ArrayList<>();
    check(schema, document, "", errors, true);
    return errors;
  }

  private static void check(JSONSchemaProps schema, JsonNode value, String path, List<String> errors, boolean root) {
    String at = path.isEmpty() ? "<root>" : path;
    if (value == null || value.isNull()) {
      return;
    }
    String type = schema.getType();
    if (type != null && !hasType(value, type)) {
      errors.add(at + ": expected " + type + ", got " + value.getNodeType().toString().toLowerCase());
      return;
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      boolean allowed = schema.getEnum().stream().anyMatch(e -> e.asText().equals(value.asText()));
      if (!allowed) {
        errors.add(at + ": '" + value.asText() + "' is not one of " + schema.getEnum().stream().map(JsonNode::asText).toList());
      }
    }
    if (value.isTextual()) {
      String s = value.asText();
      if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(s).find()) {
        errors.add(at + ": '" + s + "' does not match " + schema.getPattern());
      }
      if (schema.getMaxLength() != null && s.length() > schema.getMaxLength()) {
        errors.add(at + ": longer than " + schema.getMaxLength());
      }
      if (schema.getMinLength() != null && s.length() < schema.getMinLength()) {
        errors.add(at + ": shorter than " + schema.getMinLength());
      }
    }
    if (value.isNumber()) {
      double d = value.asDouble();
      if (schema.getMinimum() != null && d < schema.getMinimum()) {
        errors.add(at + ": " + value + " is less than the minimum " + schema.getMinimum().intValue());
      }
      if (schema.getMaximum() != null && d > schema.getMaximum()) {
        errors.add(at + ": " + value + " is greater than the maximum " + schema.getMaximum().intValue());
      }
    }
    if (value.isArray()) {
      if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
        errors.add(at + ": " + value.size() + " items, at most " + schema.getMaxItems());
      }
      if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
        errors.add(at + ": " + value.size() + " items, at least " + schema.getMinItems());
      }
      if (schema.getItems() != null && schema.getItems().getSchema() != null) {
        for (int i = 0; i < value.size(); i++) {
          check(schema.getItems().getSchema(), value.get(i), path + "[" + i + "]", errors, false);
        }
      }
    }
    if (value.isObject()) {
      for (String required : schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
        if (!value.hasNonNull(required)) {
          errors.add((path.isEmpty() ? "" : path + ".") + required + ": required");
        }
      }
      Map<String, JSONSchemaProps> properties = schema.getProperties();
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
        if (properties != null && properties.containsKey(f.getKey())) {
          check(properties.get(f.getKey()), f.getValue(), child, errors, false);
        } else if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
          check(schema.getAdditionalProperties().getSchema(), f.getValue(), child, errors, false);
        } else if (!(root && OBJECT_META_FIELDS.contains(f.getKey()))
            && !Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
          errors.add(child + ": unknown field");
        }
      }
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }
}
