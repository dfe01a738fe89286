package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.Scope;
import java.util.Set;

/**
 * Decides one capability from cluster state (and named HTTP endpoints). A pure function of the
 * context; it must not throw (the collector turns an escaped exception into Unknown anyway).
 */
public interface Probe {
  String capability();

  /** Workload or platform, as the capability catalogue says (a probe cannot disagree with it). */
  default Scope scope() {
    return CapabilityCatalogue.get(capability()).scope();
  }

  /** Every kind this probe lists: the operator watches them and the chart grants get/list/watch on them. */
  Set<ResourceKind> reads();

  Evidence evaluate(ProbeContext context);
}
