package dev.mlops.maturity.probe;

import dev.mlops.maturity.model.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The probes the operator and the CLI run: one per capability. */
public final class ProbeSet {
  private final Map<String, Probe> byCapability = new LinkedHashMap<>();

  public ProbeSet(Collection<? extends Probe> probes) {
    for (Probe p : probes) {
      Probe previous = byCapability.putIfAbsent(p.capability(), p);
      if (previous != null) {
        throw new IllegalArgumentException("two probes for capability " + p.capability());
      }
    }
  }

  /** Every built-in probe. */
  public static ProbeSet standard() {
    List<Probe> all = new ArrayList<>();
    all.addAll(dev.mlops.maturity.probe.pipeline.PipelineProbes.all());
    all.addAll(dev.mlops.maturity.probe.serving.ServingProbes.all());
    all.addAll(dev.mlops.maturity.probe.prometheus.MonitoringProbes.all());
    all.addAll(dev.mlops.maturity.probe.mlflow.RegistryProbes.all());
    all.addAll(dev.mlops.maturity.probe.delivery.DeliveryProbes.all());
    all.addAll(dev.mlops.maturity.probe.governance.GovernanceProbes.all());
    all.addAll(dev.mlops.maturity.probe.platform.PlatformProbes.all());
    return new ProbeSet(all);
  }

  public Optional<Probe> find(String capability) {
    return Optional.ofNullable(byCapability.get(capability));
  }

  public Collection<Probe> all() {
    return byCapability.values();
  }

  public List<Probe> ofScope(Scope scope) {
    return byCapability.values().stream().filter(p -> p.scope() == scope).toList();
  }

  /** The union of the kinds all probes read: what the operator watches and the chart's RBAC grants. */
  public Set<ResourceKind> kinds() {
    Set<ResourceKind> kinds = new LinkedHashSet<>();
    byCapability.values().forEach(p -> kinds.addAll(p.reads()));
    return kinds;
  }
}
