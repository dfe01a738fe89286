package dev.mlops.maturity.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side printing for `kubectl get`: a CRD's additionalPrinterColumns applied to a list, answered as a
 * {@code meta.k8s.io/v1 Table}, as the real API server does. The JSONPath subset covers what CRDs use: field
 * paths ({@code .status.observedLevel}) and one filter ({@code .status.conditions[?(@.type=="Ready")].status}).
 */
final class PrinterColumns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PrinterColumns() {}

  static ObjectNode table(JsonNode crdVersion, JsonNode list, Clock clock) {
    ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", list.at("/metadata/resourceVersion").asText(""));
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions.addObject().put("name", "Name").put("type", "string").put("format", "name").put("priority", 0)
        .put("description", "Name must be unique within a namespace.");
    List<JsonNode> columns = new ArrayList<>();
    crdVersion.path("additionalPrinterColumns").forEach(columns::add);
    for (JsonNode c : columns) {
      definitions.addObject().put("name", c.path("name").asText()).put("type", c.path("type").asText("string"))
          .put("format", c.path("format").asText("")).put("priority", c.path("priority").asInt(0))
          .put("description", c.path("description").asText(""));
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode item : list.path("items")) {
      ArrayNode cells = JSON.createArrayNode().add(item.at("/metadata/name").asText());
      for (JsonNode c : columns) {
        JsonNode value = evaluate(item, c.path("jsonPath").asText());
        if ("date".equals(c.path("type").asText()) && value.isTextual()) {
          cells.add(age(value.asText(), clock));
        } else {
          cells.add(value);
        }
      }
      ObjectNode row = rows.addObject();
      row.set("cells", cells);
      ObjectNode object = row.putObject("object").put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
      object.set("metadata", item.path("metadata"));
    }
    return table;
  }

  /** The value at a printer-column JSONPath, or null when the path does not resolve. */
  static JsonNode evaluate(JsonNode root, String path) {
    JsonNode node = root;
    for (String step : steps(path)) {
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JSON.nullNode();
      }
      int filter = step.indexOf("[?(@.");
      if (filter >= 0) {
        node = filterFirst(node.path(step.substring(0, filter)), step.substring(filter + 5, step.length() - 2));
      } else {
        node = node.path(step);
      }
    }
    return node == null || node.isMissingNode() ? JSON.nullNode() : node;
  }

  private static JsonNode filterFirst(JsonNode array, String condition) {
    int eq = condition.indexOf("==");
    if (eq < 0 || !array.isArray()) {
      return null;
    }
    String field = condition.substring(0, eq).strip();
    String expected = condition.substring(eq + 2).strip().replaceAll("^[\"']|[\"']$", "");
    for (JsonNode element : array) {
      if (expected.equals(element.path(field).asText(null))) {
        return element;
      }
    }
    return null;
  }

  /** `.a.b[?(@.type=="Ready")].c` → [a, b[?(@.type=="Ready")], c]: dots inside a filter do not split. */
  private static List<String> steps(String path) {
    List<String> steps = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (char ch : path.toCharArray()) {
      if (ch == '[') {
        depth++;
      } else if (ch == ']') {
        depth--;
      }
      if (ch == '.' && depth == 0) {
        if (current.length() > 0) {
          steps.add(current.toString());
        }
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    if (current.length() > 0) {
      steps.add(current.toString());
    }
    return steps;
  }

  /** A creation timestamp as kubectl shows ages: 45s, 7m, 3h, 2d. */
  static String age(String timestamp, Clock clock) {
    try {
      Duration d = Duration.between(Instant.parse(timestamp), clock.instant());
      long s = Math.max(0, d.getSeconds());
      if (s < 120) {
        return s + "s";
      }
      if (s < 3 * 3600) {
        return s / 60 + "m";
      }
      if (s < 2 * 86400) {
        return s / 3600 + "h";
      }
      return s / 86400 + "d";
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }
}
