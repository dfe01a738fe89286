package dev.mlops.maturity.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.evaluation.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders a what-if result as a table, JSON or markdown (a pull-request comment). */
public final class WhatIfReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final WhatIfResult result;

  public WhatIfReport(WhatIfResult result) {
    this.result = result;
  }

  /** {@code format} is table, json or markdown (checked by the caller). */
  public String render(String format) {
    return switch (format) {
      case "json" -> json();
      case "markdown" -> markdown();
      default -> table();
    };
  }

  String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESPACE", "NAME", "MODEL", "LEVEL", "CHANGE"});
    for (TargetChange t : result.targets()) {
      rows.add(new String[] {t.namespace(), t.name(), t.model(), t.levels(), t.change() + " (" + t.levelNames() + ")"});
    }
    int[] widths = new int[rows.get(0).length];
    rows.forEach(r -> {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        out.append(i == r.length - 1 ? r[i] : String.format("%-" + (widths[i] + 3) + "s", r[i]));
      }
      out.append('\n');
    }
    for (TargetChange t : result.targets()) {
      for (CapabilityChange c : t.capabilities()) {
        out.append("  ").append(t.namespace()).append('/').append(t.name()).append(": ").append(c.summary())
            .append(" (level ").append(c.level()).append(")").append(c.message().isEmpty() ? "" : ": " + c.message()).append('\n');
      }
      problems(t.after()).forEach(p -> out.append("  ").append(t.namespace()).append('/').append(t.name()).append(": invalid after the plan: ")
          .append(p).append('\n'));
    }
    out.append(footer());
    return out.toString();
  }

  String markdown() {
    StringBuilder out = new StringBuilder("# What-if: MLOps maturity after the plan\n\n");
    out.append("| namespace | name | model | level | change |\n|---|---|---|---|---|\n");
    for (TargetChange t : result.targets()) {
      out.append("| ").append(t.namespace()).append(" | ").append(t.name()).append(" | ").append(t.model()).append(" | ")
          .append(t.levels()).append(" | ").append(t.change()).append(" (").append(t.levelNames()).append(") |\n");
    }
    for (TargetChange t : result.targets()) {
      if (t.capabilities().isEmpty() && problems(t.after()).isEmpty()) {
        continue;
      }
      out.append("\n## ").append(t.namespace()).append('/').append(t.name()).append(": ").append(t.levels()).append("\n\n");
      for (CapabilityChange c : t.capabilities()) {
        out.append("- `").append(c.id()).append("` (level ").append(c.level()).append("): ")
            .append(c.before() == null ? "-" : c.before().name()).append(" → **").append(c.after() == null ? "-" : c.after().name())
            .append("**").append(c.message().isEmpty() ? "" : ": " + c.message().replace("|", "\\|")).append('\n');
      }
      problems(t.after()).forEach(p -> out.append("- invalid after the plan: ").append(p).append('\n'));
    }
    out.append('\n').append(footer());
    return out.toString();
  }

  String json() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode targets = root.putArray("targets");
    for (TargetChange t : result.targets()) {
      ObjectNode n = targets.addObject();
      n.put("namespace", t.namespace()).put("name", t.name()).put("model", t.model()).put("change", t.change());
      side(n, "before", t.before(), t.beforeLevel().isPresent() ? t.beforeLevel().getAsInt() : null);
      side(n, "after", t.after(), t.afterLevel().isPresent() ? t.afterLevel().getAsInt() : null);
      ArrayNode caps = n.putArray("capabilities");
      for (CapabilityChange c : t.capabilities()) {
        caps.addObject().put("id", c.id()).put("level", c.level()).put("before", c.before() == null ? null : c.before().name())
            .put("after", c.after() == null ? null : c.after().name()).put("message", c.message());
      }
    }
    root.put("unchangedTargets", result.unchanged());
    ArrayNode notes = root.putArray("notes");
    result.notes().forEach(notes::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  private static void side(ObjectNode n, String field, Optional<TargetAssessment> side, Integer level) {
    if (side.isEmpty()) {
      n.putNull(field);
      return;
    }
    ObjectNode s = n.putObject(field);
    s.put("level", level);
    side.flatMap(TargetAssessment::assessment).filter(a -> level != null).ifPresent(a -> s.put("levelName", a.observedLevelName()));
    ArrayNode problems = s.putArray("problems");
    problems(side).forEach(problems::add);
  }

  private static List<String> problems(Optional<TargetAssessment> side) {
    return side.map(t -> t.problems().stream().map(SpecProblem::toString).collect(Collectors.toList())).orElse(List.of());
  }

  private String footer() {
    StringBuilder out = new StringBuilder();
    out.append(result.targets().isEmpty() ? "no target is affected by the plan" : result.targets().size() + " target(s) affected")
        .append(result.unchanged() == 0 ? "" : ", " + result.unchanged() + " other target(s) unchanged").append('\n');
    result.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
  }
}
