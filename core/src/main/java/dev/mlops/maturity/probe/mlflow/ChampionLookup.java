package dev.mlops.maturity.probe.mlflow;

import java.util.List;
import java.util.Optional;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;

/**
 * The target's production version as the registry shows it now: the version the champion alias points at (or,
 * without that alias, the newest version in stage Production) and the run behind it. Opens the registry as the probes do (same endpoint, same tenancy check), so the ledger
 * records nothing a probe of this target could not read.
 */
public final class ChampionLookup {
  static final String PRODUCTION = "Production";
  /** What the ledger names as the pointer that moved when the registry promotes by stage. */
  public static final String STAGE_POINTER = "stage:Production";

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
    String pointer = registry.championAlias();
    MlflowApi.ModelVersion version;
    if (alias instanceof Answer.NotFound<MlflowApi.ModelVersion> nf) {
      // registries from before aliases (MLflow < 2.9) promote by stage: the newest version in Production
      Answer<List<MlflowApi.ModelVersion>> versions = registry.api().modelVersions(registry.model());
      if (!(versions instanceof Answer.Ok<List<MlflowApi.ModelVersion>> listed)) {
        return Answer.notFound(nf.what());
      }
      Optional<MlflowApi.ModelVersion> staged = listed.value().stream().filter(v -> PRODUCTION.equalsIgnoreCase(v.currentStage())).findFirst();
      if (staged.isEmpty()) {
        return Answer.notFound(nf.what() + " and no version is in stage " + PRODUCTION);
      }
      version = staged.get();
      pointer = STAGE_POINTER;
    } else if (alias instanceof Answer.Ok<MlflowApi.ModelVersion> found) {
      version = found.value();
    } else {
      return Answer.failed("MLflow registered-models/alias failed: " + TargetRegistry.reason(alias).orElse("no answer"));
    }
    MlflowApi.Run run = null;
    if (!TargetRegistry.blank(version.runId()) && registry.api().run(version.runId()) instanceof Answer.Ok<MlflowApi.Run> r) {
      run = r.value();
    }
    return Answer.ok(new Champion(registry.model(), pointer, version, run));
  }

  /** The production version of {@code model} under {@code alias}, and its run when readable. */
  public record Champion(String model, String alias, MlflowApi.ModelVersion version, MlflowApi.Run run) {}
}
