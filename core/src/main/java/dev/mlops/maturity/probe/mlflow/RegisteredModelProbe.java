package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import dev.mlops.maturity.probe.mlflow.MlflowApi.RegisteredModel;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** model-registry (PROBES.md b.2): the workload's model is registered in MLflow with at least one READY version. */
public final class RegisteredModelProbe extends AbstractProbe {
  public static final String CAPABILITY = "model-registry";

  public RegisteredModelProbe() {
    super(CAPABILITY, Set.of());
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    TargetRegistry registry = TargetRegistry.open(ctx, scan);
    if (registry == null) {
      return scan.verdict("", "");
    }
    String notRegistered = "model " + registry.model() + " is not registered";
    RegisteredModel found = TargetRegistry.call(scan, "registered-models/get", registry.api().registeredModel(registry.model()),
        notRegistered, List.of());
    if (found == null) {
      return scan.verdict("", "");
    }
    // latest_versions is stage-based (deprecated since 2.9) and may omit the READY one: fall back to a search.
    Optional<ModelVersion> ready = newestReady(found.latestVersions());
    if (ready.isPresent()) {
      return satisfied(scan, registry, ready.get(), "registered-models/get");
    }
    List<ModelVersion> all = TargetRegistry.call(scan, "model-versions/search", registry.api().modelVersions(registry.model()),
        notRegistered, List.of());
    if (all == null) {
      return scan.verdict("", "");
    }
    ready = newestReady(all);
    if (ready.isPresent()) {
      return satisfied(scan, registry, ready.get(), "model-versions/search");
    }
    String seen = all.isEmpty() ? "it has no versions" : all.size() + " version(s), none READY";
    return scan.refute("model " + registry.model() + " is registered but has no READY version (" + seen + ")",
        List.of("mlflow registered-models/get " + registry.model())).verdict("", "");
  }

  private static Optional<ModelVersion> newestReady(List<ModelVersion> versions) {
    return versions == null ? Optional.empty()
        : versions.stream().filter(ModelVersion::ready).max(Comparator.comparingLong(v -> HttpMlflowApi.versionNumber(v.version())));
  }

  private static Evidence satisfied(ProviderScan scan, TargetRegistry registry, ModelVersion v, String call) {
    return scan.found(registry.versionRef(call, v))
        .verdict("model " + registry.model() + " is registered with READY version " + TargetRegistry.id(v.version()), "");
  }
}
