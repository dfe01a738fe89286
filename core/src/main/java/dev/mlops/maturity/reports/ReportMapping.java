package dev.mlops.maturity.reports;

import dev.mlops.maturity.evaluation.CapabilityResult;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.evidence.BoundedText;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An evaluation as an OpenReports Report: one result per capability of the model, {@code policy} the model id,
 * {@code rule} the capability id, {@code category} the level that requires it, {@code result} from its state
 * ({@link ResultOutcome}), {@code severity} from that level and the target level ({@link ResultSeverity}).
 */
public final class ReportMapping {
  /** The rule of the single result a target whose spec cannot be evaluated gets. */
  public static final String SPEC_RULE = "spec";

  private ReportMapping() {}

  public static OpenReport of(LevelOutcome outcome, Instant now) {
    ResultTimestamp found = ResultTimestamp.of(now);
    MaturityModelDefinition model = outcome.model();
    List<ReportResult> results = outcome.capabilities().stream()
        .map(c -> result(model, c, outcome.targetLevel(), found))
        .toList();
    return OpenReport.of(results);
  }

  /**
   * A target whose spec blocks evaluation: one error result naming the problems, so no earlier pass stays on
   * show for a level that is no longer computed.
   */
  public static OpenReport invalid(String model, List<SpecProblem> problems, Instant now) {
    String policy = model == null || model.isBlank() ? "unknown" : model;
    String message = problems.isEmpty() ? "the spec cannot be evaluated"
        : problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("reason", problems.isEmpty() ? "InvalidSpec" : problems.get(0).reason());
    return OpenReport.of(List.of(new ReportResult(OpenReport.SOURCE, BoundedText.of(policy, 253), SPEC_RULE, "spec",
        ResultSeverity.HIGH, ResultOutcome.ERROR, true, BoundedText.of(message, BoundedText.MESSAGE), properties,
        ResultTimestamp.of(now))));
  }

  static ReportResult result(MaturityModelDefinition model, CapabilityResult c, int targetLevel, ResultTimestamp found) {
    Evidence e = c.evidence();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("level", String.valueOf(c.level()));
    properties.put("state", e.state().name());
    properties.put("evidenceSource", e.source().wire());
    if (e.unknownReason() != null) {
      properties.put("unknownReason", e.unknownReason().name());
    }
    if (c.recommended()) {
      properties.put("recommended", "true");
    }
    if (!e.references().isEmpty()) {
      properties.put("evidence", BoundedText.of(String.join(", ", e.references()), BoundedText.MESSAGE));
    }
    String message = e.message().isBlank() ? e.state().name() : e.message();
    return new ReportResult(OpenReport.SOURCE, model.id(), c.id(), category(model, c.level()),
        ResultSeverity.of(c.level(), targetLevel, c.recommended()), ResultOutcome.of(e.state(), c.recommended()),
        !c.recommended(), message, properties, found);
  }

  /** "Level 2: Retrained": Policy Reporter groups results by category. */
  static String category(MaturityModelDefinition model, int level) {
    String name = level < model.levels().size() ? model.level(level).name() : "";
    return name.isBlank() ? "Level " + level : "Level " + level + ": " + name;
  }
}
