package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import dev.mlops.maturity.probe.mlflow.MlflowApi.Run;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * experiment-tracking (PROBES.md b.1): a registered version is linked to a FINISHED run that logged
 * metrics and params. The linkage is required: a tracking server nobody logs to proves nothing.
 */
public final class ExperimentTrackingProbe extends AbstractProbe {
  public static final String CAPABILITY = "experiment-tracking";
  static final int VERSIONS_CHECKED = 5;

  public ExperimentTrackingProbe() {
    super(CAPABILITY, Set.of());
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    TargetRegistry registry = TargetRegistry.open(ctx, scan);
    if (registry == null) {
      return scan.verdict("", "");
    }
    List<ModelVersion> all = TargetRegistry.call(scan, "model-versions/search", registry.api().modelVersions(registry.model()),
        "model " + registry.model() + " is not registered", List.of());
    if (all == null) {
      return scan.verdict("", "");
    }
    if (all.isEmpty()) {
      return scan.refute("model " + registry.model() + " has no registered versions", List.of()).verdict("", "");
    }
    List<ModelVersion> linked = all.stream().filter(v -> !TargetRegistry.blank(v.runId())).limit(VERSIONS_CHECKED).toList();
    if (linked.isEmpty()) {
      return scan.refute("no version of " + registry.model() + " is linked to a training run", List.of()).verdict("", "");
    }
    List<String> seen = new ArrayList<>();
    Set<String> failures = new LinkedHashSet<>();
    for (ModelVersion v : linked) {
      String runId = v.runId();
      Answer<Run> run = registry.api().run(runId);
      if (run instanceof Answer.Ok<Run> found) {
        String problem = problem(found.value());
        if (problem == null) {
          return scan.found(List.of(TargetRegistry.runRef(runId), registry.versionRef("model-versions/search", v)))
              .verdict("run " + TargetRegistry.id(runId) + " linked to version " + TargetRegistry.id(v.version()), "");
        }
        seen.add("run " + TargetRegistry.id(runId) + " of version " + TargetRegistry.id(v.version()) + " " + problem);
      } else if (run instanceof Answer.NotFound<Run>) {
        seen.add("run " + TargetRegistry.id(runId) + " of version " + TargetRegistry.id(v.version()) + " no longer exists");
      } else {
        TargetRegistry.reason(run).ifPresent(failures::add);
      }
    }
    if (!failures.isEmpty()) {
      scan.failed("MLflow runs/get failed: " + String.join("; ", failures));
    }
    return scan.verdict("", "no run linked to the newest versions of " + registry.model() + " finished with metrics and params ("
        + String.join("; ", seen) + ")");
  }

  /** Why a run does not count, or null when it does. */
  private static String problem(Run run) {
    if (!"FINISHED".equals(run.status())) {
      return "is " + (run.status() == null ? "of unknown status" : TargetRegistry.shortText(run.status(), 24));
    }
    if (run.metricCount() < 1) {
      return "logged no metrics";
    }
    if (run.paramCount() < 1) {
      return "logged no params";
    }
    return null;
  }
}
