package dev.mlops.maturity.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart README's values table, generated the way helm-docs does: every key preceded by a `# --` comment
 * is a row (key path, type, default, the comment). The README and values.yaml cannot drift apart.
 */
final class ValuesTable {
  private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+):(.*)$");

  record Row(String key, String type, String defaultValue, String description) {}

  private ValuesTable() {}

  static List<Row> rows(String valuesYaml) throws java.io.IOException {
    JsonNode values = ChartFixture.YAML.readTree(valuesYaml);
    List<Row> rows = new ArrayList<>();
    Deque<String[]> path = new ArrayDeque<>(); // {indent, key}
    StringBuilder comment = null;
    for (String line : valuesYaml.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.startsWith("# --")) {
        comment = new StringBuilder(stripped.substring(4).strip());
        continue;
      }
      if (comment != null && stripped.startsWith("#")) {
        comment.append(' ').append(stripped.substring(1).strip());
        continue;
      }
      Matcher m = KEY.matcher(line);
      if (!m.matches() || stripped.startsWith("-")) {
        if (stripped.isEmpty()) {
          comment = null;
        }
        continue;
      }
      int indent = m.group(1).length();
      while (!path.isEmpty() && Integer.parseInt(path.peek()[0]) >= indent) {
        path.pop();
      }
      path.push(new String[] {Integer.toString(indent), m.group(2)});
      if (comment != null) {
        List<String> keys = new ArrayList<>();
        path.descendingIterator().forEachRemaining(p -> keys.add(p[1]));
        JsonNode node = values.at("/" + String.join("/", keys));
        rows.add(new Row(String.join(".", keys), type(node), defaultOf(node), comment.toString()));
        comment = null;
      }
    }
    return rows;
  }

  static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder("| Key | Type | Default | Description |\n|-----|------|---------|-------------|\n");
    for (Row r : rows) {
      out.append("| ").append(r.key()).append(" | ").append(r.type()).append(" | `").append(r.defaultValue().replace("|", "\\|"))
          .append("` | ").append(r.description().replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
  }

  private static String type(JsonNode node) {
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "list";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isIntegralNumber()) {
      return "int";
    }
    return node.isNull() ? "string" : "string";
  }

  private static String defaultOf(JsonNode node) {
    if (node.isTextual()) {
      return "\"" + node.asText() + "\"";
    }
    return node.toString();
  }
}
