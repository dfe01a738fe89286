package dev.mlops.maturity.assessment;

import dev.mlops.maturity.evaluation.LevelOutcome;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Assessments as a JUnit XML report, the format every CI system shows: one testcase per target (class = namespace,
 * name = target), failing when the target is below its target level or has spec problems.
 */
final class JunitReport {
  private JunitReport() {}

  static String render(List<TargetAssessment> assessments) {
    long failures = assessments.stream().filter(JunitReport::failed).count();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"mlops-maturity\" tests=\"").append(assessments.size()).append("\" failures=\"").append(failures)
        .append("\">\n  <testsuite name=\"mlops-maturity\" tests=\"").append(assessments.size()).append("\" failures=\"")
        .append(failures).append("\">\n");
    for (TargetAssessment t : assessments) {
      xml.append("    <testcase classname=\"").append(escape(t.namespace())).append("\" name=\"").append(escape(t.name())).append('"');
      if (!failed(t)) {
        xml.append("/>\n");
        continue;
      }
      xml.append(">\n      <failure message=\"").append(escape(message(t))).append("\">").append(escape(detail(t)))
          .append("</failure>\n    </testcase>\n");
    }
    return xml.append("  </testsuite>\n</testsuites>\n").toString();
  }

  private static boolean failed(TargetAssessment t) {
    return !t.problems().isEmpty() || t.assessment().map(a -> !a.targetMet()).orElse(true);
  }

  private static String message(TargetAssessment t) {
    if (!t.problems().isEmpty() || t.assessment().isEmpty()) {
      return "invalid target: " + t.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
    }
    LevelOutcome a = t.assessment().get();
    return "observed level " + a.observedLevel() + " (" + a.observedLevelName() + ") is below target level " + a.targetLevel();
  }

  private static String detail(TargetAssessment t) {
    return t.assessment().flatMap(LevelOutcome::nextLevel)
        .map(n -> "missing for level " + n.level() + ": " + String.join(", ", n.missing())).orElse("");
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : (s == null ? "" : s).toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }
}
