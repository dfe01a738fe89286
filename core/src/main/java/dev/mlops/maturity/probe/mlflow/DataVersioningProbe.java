package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.mlflow.MlflowApi.DatasetInput;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import dev.mlops.maturity.probe.mlflow.MlflowApi.Run;
import java.util.List;
import java.util.Set;

/**
 * data-versioning (PROBES.md b.16): the run behind the champion version (or the newest one) logged
 * a dataset input identified by a digest and a source (MLflow >= 2.4 dataset inputs).
 */
public final class DataVersioningProbe extends AbstractProbe {
  public static final String CAPABILITY = "data-versioning";

  public DataVersioningProbe() {
    super(CAPABILITY, Set.of());
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    TargetRegistry registry = TargetRegistry.open(ctx, scan);
    if (registry == null) {
      return scan.verdict("", "");
    }
    Answer<ModelVersion> champion = registry.api().alias(registry.model(), registry.championAlias());
    ModelVersion version;
    String which;
    String versionRef;
    if (champion instanceof Answer.Ok<ModelVersion> found) {
      version = found.value();
      which = "champion version " + TargetRegistry.id(version.version());
      versionRef = registry.aliasRef(version);
    } else if (champion instanceof Answer.NotFound<ModelVersion>) {
      Answer<List<ModelVersion>> versions = registry.api().modelVersions(registry.model());
      if (!(versions instanceof Answer.Ok<List<ModelVersion>> all)) {
        return versions instanceof Answer.NotFound<List<ModelVersion>>
            ? scan.refute("model " + registry.model() + " is not registered", List.of()).verdict("", "")
            : TargetRegistry.failed(scan, "model-versions/search", versions);
      }
      if (all.value().isEmpty()) {
        return scan.refute("model " + registry.model() + " has no registered versions", List.of()).verdict("", "");
      }
      version = all.value().get(0);
      which = "newest version " + TargetRegistry.id(version.version());
      versionRef = registry.versionRef("model-versions/search", version);
    } else {
      return TargetRegistry.failed(scan, "registered-models/alias", champion);
    }
    if (TargetRegistry.blank(version.runId())) {
      return scan.refute(which + " of " + registry.model() + " is not linked to a run", List.of(versionRef)).verdict("", "");
    }
    String runId = version.runId();
    Answer<Run> run = registry.api().run(runId);
    if (run instanceof Answer.NotFound<Run>) {
      return scan.refute("run " + TargetRegistry.id(runId) + " of " + which + " no longer exists", List.of(versionRef)).verdict("", "");
    }
    if (!(run instanceof Answer.Ok<Run> found)) {
      return TargetRegistry.failed(scan, "runs/get", run);
    }
    List<DatasetInput> datasets = found.value().datasets() == null ? List.of() : found.value().datasets();
    List<DatasetInput> versioned = datasets.stream().filter(d -> !TargetRegistry.blank(d.digest()) && !TargetRegistry.blank(d.source())).toList();
    if (!versioned.isEmpty()) {
      DatasetInput d = versioned.get(0);
      String name = TargetRegistry.blank(d.name()) ? "(unnamed)" : TargetRegistry.shortText(d.name(), 64);
      return scan.found(List.of(TargetRegistry.runRef(runId) + " dataset " + name + " digest " + TargetRegistry.shortText(d.digest(),
          64), versionRef))
          .verdict("run " + TargetRegistry.id(runId) + " of " + which + " used dataset " + name + " with a digest and a source", "");
    }
    if (datasets.isEmpty()) {
      return scan.refute("run " + TargetRegistry.id(runId) + " of " + which + " logged no dataset input",
          List.of(TargetRegistry.runRef(runId)))
          .verdict("", "");
    }
    return scan.refute("the dataset inputs of run " + TargetRegistry.id(runId) + " (" + which + ") lack a digest or a source",
        List.of(TargetRegistry.runRef(runId)))
        .verdict("", "");
  }
}
