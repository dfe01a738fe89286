package dev.mlops.maturity.cli;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.AssessmentReport;
import dev.mlops.maturity.assessment.ReportFormat;
import dev.mlops.maturity.assessment.TargetAssessment;
import dev.mlops.maturity.fixes.FixesReport;
import dev.mlops.maturity.fixes.NextLevelFixes;
import dev.mlops.maturity.fixes.TargetFixes;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.WorkloadTarget;
import java.util.ArrayList;
import java.util.List;

/** {@code assess --suggest-fixes}: the report with the fixes for each target's next level, or (yaml) the manifests alone. */
final class SuggestedFixes {
  private SuggestedFixes() {}

  static FixesReport suggest(List<MaturityTarget> targets, List<TargetAssessment> results, ClusterView cluster) {
    NextLevelFixes fixes = NextLevelFixes.standard();
    List<TargetFixes> out = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      out.add(fixes.suggest(results.get(i), WorkloadTarget.of(targets.get(i)), cluster));
    }
    return new FixesReport(out);
  }

  /** {@code format} null means yaml: the apply-able stream only. */
  static String render(AssessmentReport report, ReportFormat format, FixesReport fixes) {
    if (format == null) {
      return fixes.yaml();
    }
    return switch (format) {
      case TABLE -> report.render(format) + fixes.table();
      case MARKDOWN -> report.render(format) + fixes.markdown();
      case JSON -> fixes.json(report.render(format));
      case JUNIT, SARIF, YAML -> throw new IllegalArgumentException("--suggest-fixes prints table, json, markdown or yaml, not " + format);
    };
  }
}
