package dev.mlops.maturity.fixes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders suggestions: a multi-document YAML stream for {@code kubectl apply -f -} (every manifest under
 * its comment; suggestions without manifests as comment lines), and sections for the table, markdown
 * and JSON reports.
 */
public final class FixesReport {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .disable(YAMLGenerator.Feature.SPLIT_LINES));
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<TargetFixes> targets;

  public FixesReport(List<TargetFixes> targets) {
    this.targets = List.copyOf(targets);
  }

  public List<TargetFixes> targets() {
    return targets;
  }

  /** The multi-document stream: only manifests are documents, everything else is a comment. */
  public String yaml() {
    StringBuilder out = new StringBuilder("# assess --suggest-fixes: manifests that close the gaps to each target's next level.\n"
        + "# Review, then: kubectl apply -f <this file>   (or preview with assess --plan)\n");
    for (TargetFixes t : targets) {
      out.append("\n# ").append(t.namespace()).append('/').append(t.name()).append(" (").append(t.model()).append("): ").append(heading(t)).append('\n');
      for (Suggestion s : t.suggestions()) {
        if (s.remedy() != Remedy.MANIFESTS) {
          out.append("# NOT APPLIED ").append(s.capability()).append(" (").append(s.remedy().text()).append("): ")
              .append(oneLine(s.message())).append('\n');
        }
      }
      for (Suggestion s : t.suggestions()) {
        for (FixManifest m : s.manifests()) {
          out.append("---\n");
          m.comments().forEach(c -> out.append("# ").append(oneLine(c)).append('\n'));
          out.append(toYaml(m.object()));
        }
      }
    }
    return out.toString();
  }

  /** Lines appended to the table report. */
  public String table() {
    StringBuilder out = new StringBuilder();
    for (TargetFixes t : targets) {
      out.append("\nsuggested fixes for ").append(t.namespace()).append('/').append(t.name()).append(": ").append(heading(t)).append('\n');
      int width = t.suggestions().stream().mapToInt(s -> s.capability().length()).max().orElse(0);
      for (Suggestion s : t.suggestions()) {
        out.append("  ").append(String.format("%-" + (width + 2) + "s", s.capability())).append(String.format("%-21s", s.remedy().text()))
            .append(s.remedy() == Remedy.MANIFESTS ? s.message() + ": " + describe(s) + " (-o yaml prints them)" : oneLine(s.message())).append('\n');
      }
    }
    return out.toString();
  }

  /** The section appended to the markdown report. */
  public String markdown() {
    StringBuilder out = new StringBuilder("\n# Suggested fixes\n");
    for (TargetFixes t : targets) {
      out.append("\n## ").append(t.namespace()).append('/').append(t.name()).append("\n\n").append(heading(t)).append("\n\n");
      if (t.suggestions().isEmpty()) {
        continue;
      }
      out.append("| capability | remedy | what |\n|---|---|---|\n");
      for (Suggestion s : t.suggestions()) {
        out.append("| ").append(s.capability()).append(" | ").append(s.remedy().text()).append(" | ")
            .append(cell(s.remedy() == Remedy.MANIFESTS ? s.message() + ": " + describe(s) : s.message())).append(" |\n");
      }
    }
    return out.toString();
  }

  /** The assessments JSON with a {@code suggestedFixes} object added to each assessment with suggestions. */
  public String json(String assessmentsJson) {
    try {
      JsonNode root = JSON.readTree(assessmentsJson);
      for (JsonNode a : root.path("assessments")) {
        for (TargetFixes t : targets) {
          if (a instanceof ObjectNode o && t.namespace().equals(a.path("namespace").asText()) && t.name().equals(a.path("name").asText())) {
            o.set("suggestedFixes", JSON.valueToTree(toMap(t)));
          }
        }
      }
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the assessments JSON does not parse", e);
    }
  }

  static Map<String, Object> toMap(TargetFixes t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t.nextLevel() != null) {
      m.put("nextLevel", t.nextLevel());
      m.put("nextLevelName", t.nextLevelName());
    }
    if (t.note() != null) {
      m.put("note", t.note());
    }
    m.put("manifestsSuffice", t.manifestsSuffice());
    List<Map<String, Object>> suggestions = new ArrayList<>();
    for (Suggestion s : t.suggestions()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("capability", s.capability());
      sm.put("unlocksLevel", s.level());
      sm.put("remedy", s.remedy().wire());
      sm.put("message", s.message());
      List<Map<String, Object>> manifests = new ArrayList<>();
      for (FixManifest f : s.manifests()) {
        manifests.add(FixContext.fields("comments", f.comments(), "object", f.object()));
      }
      sm.put("manifests", manifests);
      suggestions.add(sm);
    }
    m.put("suggestions", suggestions);
    return m;
  }

  private static String heading(TargetFixes t) {
    if (t.nextLevel() == null) {
      return "level " + (t.observedLevel() == null ? "-" : t.observedLevel()) + ", " + t.note();
    }
    long applicable = t.suggestions().stream().filter(s -> s.remedy() == Remedy.MANIFESTS).count();
    return "level " + t.observedLevel() + " → " + t.nextLevel() + " (" + t.nextLevelName() + ") blocked by " + t.suggestions().size()
        + " requirement(s); manifests for " + applicable + (t.manifestsSuffice() ? ", enough to reach level " + t.nextLevel() : "");
  }

  private static String describe(Suggestion s) {
    return String.join(", ", s.manifests().stream().map(FixManifest::describe).toList());
  }

  static String toYaml(GenericKubernetesResource r) {
    try {
      return YAML.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + r.getKind() + " as YAML", e);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }

  private static String cell(String s) {
    return oneLine(s).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
