package dev.mlops.maturity.demo;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import java.util.ArrayList;
import java.util.List;

/** `kubectl get mt -A` as the demo prints it, from the printer columns' fields. */
public final class LevelTable {
  private LevelTable() {}

  public static String render(List<MaturityTarget> targets) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAMESPACE", "NAME", "MODEL", "TARGET", "OBSERVED", "LEVEL", "TARGET-MET", "READY"});
    for (MaturityTarget t : targets) {
      var s = t.getStatus();
      String ready = s == null ? "" : s.conditions.stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse("");
      rows.add(new String[] {t.getMetadata().getNamespace(), t.getMetadata().getName(), t.getSpec().model, String.valueOf(t.getSpec().targetLevel),
          s == null || s.observedLevel == null ? "" : String.valueOf(s.observedLevel),
          s == null || s.observedLevelName == null ? "" : s.observedLevelName,
          s == null || s.targetMet == null ? "" : String.valueOf(s.targetMet), ready});
    }
    int[] w = new int[rows.get(0).length];
    rows.forEach(r -> {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      out.append("  ");
      for (int i = 0; i < r.length; i++) {
        out.append(i == r.length - 1 ? r[i] : String.format("%-" + (w[i] + 3) + "s", r[i]));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
