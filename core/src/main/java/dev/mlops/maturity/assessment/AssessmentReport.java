package dev.mlops.maturity.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evaluation.ExceptionDecision;
import dev.mlops.maturity.evaluation.SpecProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders assessments as table, json (mirrors the status) or yaml, markdown, JUnit XML or SARIF. */
public final class AssessmentReport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
      .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** How many ledger entries the markdown shows per target. */
  static final int LEDGER_ENTRIES_SHOWN = 5;
  private final List<TargetAssessment> assessments;
  private Map<String, MaturityLedgerSpec> ledgers = Map.of();

  public AssessmentReport(List<TargetAssessment> assessments) {
    this.assessments = List.copyOf(assessments);
  }

  /** The MaturityLedgers read from the cluster, by {@code namespace/name} of their target (shown in markdown). */
  public AssessmentReport withLedgers(Map<String, MaturityLedgerSpec> value) {
    this.ledgers = Map.copyOf(value);
    return this;
  }

  /** Targets whose observed level is below {@code level} (a target with spec problems publishes no level: it counts as below). */
  public List<TargetAssessment> below(int level) {
    return below(level, false);
  }

  /** As {@link #below(int)}, on the proven level (observed evidence alone) when {@code proven}. */
  public List<TargetAssessment> below(int level, boolean proven) {
    return assessments.stream().filter(t -> !t.problems().isEmpty()
        || t.assessment().map(a -> (proven ? a.provenLevel() : a.observedLevel()) < level).orElse(true)).toList();
  }

  public String render(ReportFormat format) {
    return switch (format) {
      case TABLE -> table();
      case JSON -> json();
      case MARKDOWN -> markdown();
      case JUNIT -> JunitReport.render(assessments);
      case SARIF -> write(JSON, SarifReport.tree(assessments));
      case YAML -> write(YAML, jsonTree());
    };
  }

  String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESPACE", "NAME", "MODEL", "TARGET", "OBSERVED", "PROVEN", "LEVEL", "TARGET-MET", "BLOCKING NEXT LEVEL"});
    for (TargetAssessment t : assessments) {
      if (t.assessment().isPresent() && t.problems().isEmpty()) {
        LevelOutcome a = t.assessment().get();
        String blocking = a.nextLevel().map(n -> String.join(",", n.missing())).orElse("-");
        rows.add(new String[] {t.namespace(), t.name(), t.model(), String.valueOf(t.targetLevel()), String.valueOf(a.observedLevel()),
            String.valueOf(a.provenLevel()), a.observedLevelName(), String.valueOf(a.targetMet()), blocking.isEmpty() ? "-" : blocking});
      } else {
        // a target with spec problems publishes no level (as the operator does with Ready=False)
        rows.add(new String[] {t.namespace(), t.name(), t.model(), String.valueOf(t.targetLevel()), "-", "-", "-", "-",
            "invalid: " + t.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("; "))});
      }
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        out.append(i == r.length - 1 ? r[i] : String.format("%-" + (widths[i] + 3) + "s", r[i]));
      }
      out.append('\n');
    }
    for (TargetAssessment t : assessments) {
      t.assessment().filter(a -> !a.governance().violations().isEmpty()).ifPresent(a -> out.append("policy: ").append(t.namespace())
          .append('/').append(t.name()).append(" refused ").append(a.governance().violations().stream().map(Object::toString)
              .collect(Collectors.joining("; "))).append('\n'));
      t.assessment().filter(a -> a.degraded()).ifPresent(a -> out.append("note: ").append(t.namespace()).append('/').append(t.name())
          .append(" has capabilities that could not be checked (Unknown): ").append(String.join(", ", a.unknownCapabilities())).append('\n'));
    }
    return out.toString();
  }

  String json() {
    return write(JSON, jsonTree());
  }

  /** What -o json and -o yaml print. */
  private Map<String, Object> jsonTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("assessments", assessments.stream().map(AssessmentReport::toMap).toList());
    return root;
  }

  private static String write(ObjectMapper mapper, Map<String, Object> root) {
    try {
      String text = mapper.writeValueAsString(root);
      return text.endsWith("\n") ? text : text + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> toMap(TargetAssessment t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("namespace", t.namespace());
    m.put("name", t.name());
    m.put("model", t.model());
    m.put("targetLevel", t.targetLevel());
    t.assessment().ifPresent(a -> {
      boolean ready = t.problems().isEmpty();
      if (ready) {
        m.put("observedLevel", a.observedLevel());
        m.put("observedLevelName", a.observedLevelName());
        m.put("provenLevel", a.provenLevel());
      }
      m.put("targetMet", ready && a.targetMet());
      m.put("capabilities", a.capabilities().stream().map(AssessmentReport::capability).toList());
      a.nextLevel().ifPresent(n -> m.put("nextLevel", Map.of("level", n.level(), "name", n.name(), "missing", n.missing())));
      m.put("recommendations", a.recommendations());
      if (a.degraded()) {
        m.put("unknown", a.unknownCapabilities());
      }
      if (!a.governance().decisions().isEmpty()) {
        m.put("exceptions", a.governance().decisions().stream().map(AssessmentReport::exception).toList());
      }
      if (!a.governance().violations().isEmpty()) {
        m.put("policyViolations", a.governance().violations().stream()
            .map(v -> Map.of("field", v.field(), "capability", v.capability(), "message", v.message())).toList());
      }
    });
    if (!t.problems().isEmpty()) {
      m.put("problems", t.problems().stream()
          .map(p -> Map.of("field", p.field(), "reason", p.reason(), "message", p.message())).toList());
    }
    return m;
  }

  private static Map<String, Object> exception(ExceptionDecision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("capability", d.capability());
    m.put("kind", d.kind().wire());
    m.put("field", d.field());
    if (d.exception() != null) {
      m.put("exception", d.exception());
    }
    m.put("effect", d.effect().name());
    if (d.expires() != null) {
      m.put("expires", d.expires());
    }
    m.put("message", d.message());
    return m;
  }

  private static Map<String, Object> capability(CapabilityResult c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("level", c.level());
    if (c.recommended()) {
      m.put("recommended", true);
    }
    m.put("state", c.evidence().state().name());
    m.put("source", c.evidence().source().wire());
    m.put("evidence", c.evidence().references());
    m.put("message", c.evidence().message());
    if (c.evidence().unknownReason() != null) {
      m.put("reason", c.evidence().unknownReason().name());
    }
    if (c.evidence().lastExercised() != null) {
      m.put("lastExercised", c.evidence().lastExercised().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
    return m;
  }

  String markdown() {
    StringBuilder out = new StringBuilder("# MLOps maturity assessment\n\n");
    out.append("| namespace | target | model | target level | observed | proven | level | target met |\n|---|---|---|---|---|---|---|---|\n");
    for (TargetAssessment t : assessments) {
      var published = t.assessment().filter(a -> t.problems().isEmpty());
      out.append("| ").append(escape(t.namespace())).append(" | ").append(escape(t.name())).append(" | ").append(escape(t.model())).append(" | ")
          .append(t.targetLevel()).append(" | ")
          .append(published.map(a -> String.valueOf(a.observedLevel())).orElse("-")).append(" | ")
          .append(published.map(a -> String.valueOf(a.provenLevel())).orElse("-")).append(" | ")
          .append(escape(published.map(LevelOutcome::observedLevelName).orElse("invalid"))).append(" | ")
          .append(published.map(a -> a.targetMet() ? "yes" : "no").orElse("-")).append(" |\n");
    }
    for (TargetAssessment t : assessments) {
      out.append("\n## ").append(escape(t.namespace())).append('/').append(escape(t.name())).append("\n\n");
      t.problems().forEach(p -> out.append("- **").append(escape(p.reason())).append("** `").append(codeSpan(p.field())).append("`: ")
          .append(escape(p.message())).append('\n'));
      t.assessment().ifPresent(a -> {
        a.nextLevel().ifPresent(n -> out.append("Next level ").append(n.level()).append(" (").append(escape(n.name())).append(") needs: ")
            .append(n.missing().isEmpty() ? "nothing" : String.join(", ", n.missing())).append("\n\n"));
        a.governance().violations().forEach(v -> out.append("- **PolicyViolation** `").append(v.field()).append("`: ")
            .append(escape(v.message())).append('\n'));
        out.append("| capability | level | state | source | message |\n|---|---|---|---|---|\n");
        for (CapabilityResult c : a.capabilities()) {
          out.append("| ").append(c.id()).append(" | ").append(c.level()).append(c.recommended() ? " (recommended)" : "").append(" | ")
              .append(c.evidence().state()).append(" | ").append(c.evidence().source().wire()).append(" | ")
              .append(escape(c.evidence().message())).append(" |\n");
        }
        if (!a.recommendations().isEmpty()) {
          out.append("\nHow to climb:\n");
          a.recommendations().forEach(r -> out.append("- ").append(escape(r)).append('\n'));
        }
      });
      MaturityLedgerSpec ledger = ledgers.get(t.namespace() + "/" + t.name());
      if (ledger != null) {
        out.append(LedgerMarkdown.recent(ledger, LEDGER_ENTRIES_SHOWN));
      }
    }
    return out.toString();
  }

  // inside a code span markup is literal; only a backtick could end it early
  private static String codeSpan(String s) {
    return s == null ? "" : s.replace('`', '\'').replace('\n', ' ');
  }

  /** Cell text: HTML and Markdown markup characters become entities, so report text never turns into markup (issue 19). */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '|' -> b.append("\\|");
        case '`', '[', ']', '\\' -> b.append('\\').append(c);
        case '\n', '\r' -> b.append(' ');
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
