package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;
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
    Answer<TargetRegistry> opened = TargetRegistry.open(ctx);
    if (!(opened instanceof Answer.Ok<TargetRegistry> ok)) {
      return TargetRegistry.unavailable(CAPABILITY, opened);
    }
    TargetRegistry registry = ok.value();
    Answer<RegisteredModel> model = registry.api().registeredModel(registry.model());
    if (model instanceof Answer.NotFound<RegisteredModel>) {
      return Evidence.missing(CAPABILITY, "model " + registry.model() + " is not registered");
    }
    if (!(model instanceof Answer.Ok<RegisteredModel> found)) {
      return TargetRegistry.callFailed(CAPABILITY, "registered-models/get", model);
    }
    // latest_versions is stage-based (deprecated since 2.9) and may omit the READY one: fall back to a search.
    Optional<ModelVersion> ready = newestReady(found.value().latestVersions());
    if (ready.isPresent()) {
      return satisfied(registry, ready.get(), "registered-models/get");
    }
    Answer<List<ModelVersion>> versions = registry.api().modelVersions(registry.model());
    if (versions instanceof Answer.NotFound<List<ModelVersion>>) {
      return Evidence.missing(CAPABILITY, "model " + registry.model() + " is not registered");
    }
    if (!(versions instanceof Answer.Ok<List<ModelVersion>> all)) {
      return TargetRegistry.callFailed(CAPABILITY, "model-versions/search", versions);
    }
    ready = newestReady(all.value());
    if (ready.isPresent()) {
      return satisfied(registry, ready.get(), "model-versions/search");
    }
    String seen = all.value().isEmpty() ? "it has no versions" : all.value().size() + " version(s), none READY";
    return Evidence.missing(CAPABILITY, "model " + registry.model() + " is registered but has no READY version (" + seen + ")",
        List.of("mlflow registered-models/get " + registry.model()));
  }

  private static Optional<ModelVersion> newestReady(List<ModelVersion> versions) {
    return versions == null ? Optional.empty()
        : versions.stream().filter(ModelVersion::ready).max(Comparator.comparingLong(v -> HttpMlflowApi.versionNumber(v.version())));
  }

  private static Evidence satisfied(TargetRegistry registry, ModelVersion v, String call) {
    return Evidence.satisfied(CAPABILITY, "model " + registry.model() + " is registered with READY version " + TargetRegistry.id(v.version()),
        List.of(registry.versionRef(call, v)));
  }
}
