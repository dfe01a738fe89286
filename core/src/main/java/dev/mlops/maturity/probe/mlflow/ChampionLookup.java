package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;

/**
 * The target's production version as the registry shows it now: the version the champion alias points at and
 * the run behind it. Opens the registry as the probes do (same endpoint, same tenancy check), so the ledger
 * records nothing a probe of this target could not read.
 */
public final class ChampionLookup {
  private ChampionLookup() {}

  /** The champion with its run (null when the version names none or runs/get failed); NotFound when no alias is set. */
  public static Answer<Champion> read(ProbeContext ctx) {
    Answer<TargetRegistry> opened = TargetRegistry.open(ctx);
    if (!(opened instanceof Answer.Ok<TargetRegistry> ok)) {
      return opened instanceof Answer.NotFound<TargetRegistry> nf ? Answer.notFound(nf.what())
          : Answer.failed(TargetRegistry.reason(opened).orElse("MLflow registry unavailable"));
    }
    TargetRegistry registry = ok.value();
    Answer<MlflowApi.ModelVersion> alias = registry.api().alias(registry.model(), registry.championAlias());
    if (alias instanceof Answer.NotFound<MlflowApi.ModelVersion> nf) {
      return Answer.notFound(nf.what());
    }
    if (!(alias instanceof Answer.Ok<MlflowApi.ModelVersion> found)) {
      return Answer.failed("MLflow registered-models/alias failed: " + TargetRegistry.reason(alias).orElse("no answer"));
    }
    MlflowApi.ModelVersion version = found.value();
    MlflowApi.Run run = null;
    if (!TargetRegistry.blank(version.runId()) && registry.api().run(version.runId()) instanceof Answer.Ok<MlflowApi.Run> r) {
      run = r.value();
    }
    return Answer.ok(new Champion(registry.model(), registry.championAlias(), version, run));
  }

  /** The production version of {@code model} under {@code alias}, and its run when readable. */
  public record Champion(String model, String alias, MlflowApi.ModelVersion version, MlflowApi.Run run) {}
}
