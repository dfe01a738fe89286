package dev.mlops.maturity.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a section of the operator configuration may hold: a misspelt key (`intergrations`) is an error naming
 * it, as the chart's values.schema.json does, instead of a setting silently ignored.
 */
final class KnownKeys {
  private KnownKeys() {}

  static void check(JsonNode section, String path, Set<String> known, List<String> problems) {
    if (section == null || !section.isObject()) {
      return;
    }
    Iterator<String> names = section.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add((path.isEmpty() ? "" : path + ".") + name + " is not a known key (known: "
            + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }
}
