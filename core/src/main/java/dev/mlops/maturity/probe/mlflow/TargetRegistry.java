package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import java.util.List;
import dev.mlops.maturity.probe.Tenancy;
import java.util.Optional;

/** The MLflow registry as one target sees it: the named endpoint's API, the registered model name and the champion alias. */
record TargetRegistry(MlflowApi api, String model, String championAlias) {

  /** Opens the target's named MLflow endpoint; an Unknown verdict when it cannot be used. */
  static Answer<TargetRegistry> open(ProbeContext ctx) {
    if (ctx.target() == null) {
      return Answer.failed("no workload target");
    }
    String model = ctx.target().registeredModel();
    if (model == null || model.isBlank()) {
      return Answer.failed("no registered model name");
    }
    Answer<MlflowApi> api = ctx.external().mlflow(ctx.target().mlflowEndpoint());
    if (api instanceof Answer.Ok<MlflowApi> ok) {
      String alias = ctx.settings() == null || ctx.settings().championAlias() == null ? "champion" : ctx.settings().championAlias();
      Answer<Void> owned = RegistryOwnership.check(ok.value(), model, ctx.target().namespace(), Tenancy.of(ctx.settings()));
      if (owned instanceof Answer.NotFound<Void> denied) {
        return Answer.notFound(denied.what());
      }
      if (owned instanceof Answer.Failed<Void> failed) {
        return Answer.failed("MLflow registered-models/get failed: " + failed.reason());
      }
      return Answer.ok(new TargetRegistry(ok.value(), model, alias));
    }
    if (api instanceof Answer.Failed<MlflowApi> failed) {
      return Answer.failed("MLflow endpoint unavailable: " + failed.reason());
    }
    return Answer.failed("MLflow endpoint '" + ctx.target().mlflowEndpoint() + "' is not configured");
  }

  /** The target's registry, or null after recording in the scan why it cannot be used. */
  static TargetRegistry open(ProbeContext ctx, ProviderScan scan) {
    return scan.read(open(ctx));
  }

  /**
   * The value of a call, or null after recording in the scan why there is none: a failure naming the call
   * (our words, never a response body), or for a NotFound the refutation {@code notFound} (none when null).
   */
  static <T> T call(ProviderScan scan, String call, Answer<T> answer, String notFound, List<String> references) {
    if (answer instanceof Answer.NotFound<T>) {
      if (notFound != null) {
        scan.refute(notFound, references);
      }
      return null;
    }
    return scan.read(answer instanceof Answer.Failed<T> f ? Answer.failed("MLflow " + call + " failed: " + f.reason()) : answer);
  }

  /** Records a failed call (our words, never a response body) and returns the Unknown verdict. */
  static dev.mlops.maturity.evidence.Evidence failed(ProviderScan scan, String call, Answer<?> answer) {
    return scan.failed("MLflow " + call + " failed: " + (answer instanceof Answer.Failed<?> f ? f.reason() : "no answer")).verdict("", "");
  }

  static Optional<String> reason(Answer<?> answer) {
    return answer instanceof Answer.Failed<?> f ? Optional.of(f.reason()) : Optional.empty();
  }

  String versionRef(String call, MlflowApi.ModelVersion v) {
    return "mlflow " + call + " " + model + " v" + id(v.version());
  }

  String aliasRef(MlflowApi.ModelVersion v) {
    return "mlflow registered-models/alias " + model + "@" + championAlias + " v" + id(v.version());
  }

  static String runRef(String runId) {
    return "mlflow runs/get " + id(runId);
  }

  /** An identifier from an answer (version, run id), bounded for messages and references. */
  static String id(String s) {
    return s == null ? "?" : shortText(s, 64);
  }

  /** A value taken from an answer, shortened for a message or reference. */
  static String shortText(String s, int max) {
    if (s == null) {
      return "";
    }
    String oneLine = s.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ').trim();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
