package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.probe.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** prometheus-operator selection semantics shared by ServiceMonitor and PodMonitor (PROBES.md Appendix A). */
final class MonitorSelection {
  private MonitorSelection() {}

  /**
   * {@code spec.namespaceSelector}: {@code any: true} watches every namespace; otherwise {@code matchNames}
   * lists them; with neither, only the monitor's own namespace.
   */
  static boolean watchesNamespace(GenericKubernetesResource monitor, String namespace) {
    if (Fields.isTrue(monitor, "spec", "namespaceSelector", "any")) {
      return true;
    }
    List<Object> names = Fields.list(monitor, "spec", "namespaceSelector", "matchNames");
    if (!names.isEmpty()) {
      return names.stream().anyMatch(n -> namespace.equals(String.valueOf(n)));
    }
    return namespace.equals(monitor.getMetadata().getNamespace());
  }

  /** {@code spec.selector} as a LabelSelector; absent means no selector (matches nothing), {@code {}} matches everything. */
  static Optional<LabelSelector> selector(GenericKubernetesResource monitor) {
    return Fields.map(monitor, "spec", "selector").map(MonitorSelection::toSelector);
  }

  static LabelSelector toSelector(Map<String, Object> raw) {
    LabelSelector s = new LabelSelector();
    Fields.map(raw, "matchLabels").ifPresent(m -> s.setMatchLabels(WorkloadPods.stringMap(m)));
    List<LabelSelectorRequirement> expressions = new ArrayList<>();
    for (Object e : Fields.list(raw, "matchExpressions")) {
      List<String> values = Fields.list(e, "values").stream().map(String::valueOf).toList();
      expressions.add(new LabelSelectorRequirement(Fields.string(e, "key").orElse(""), Fields.string(e, "operator").orElse(""), values));
    }
    if (!expressions.isEmpty()) {
      s.setMatchExpressions(expressions);
    }
    return s;
  }

  /** A PromQL string literal (double-quoted, backslash and quote escaped). */
  static String promqlString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
