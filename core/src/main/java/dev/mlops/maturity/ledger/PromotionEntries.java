package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.PromotionDataset;
import dev.mlops.maturity.api.v1alpha1.PromotionDeployment;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import dev.mlops.maturity.probe.mlflow.ChampionLookup;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.mlflow.QualityGateProbe;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Builds the entry for an observed promotion from what the registry and the cluster show; nothing is guessed. */
public final class PromotionEntries {
  /** The model-version tag naming who promoted it (PROBES.md b.22 tag convention). */
  public static final String PROMOTED_BY = "mlops.promoted_by";
  public static final String UNKNOWN = "unknown";
  private static final int MAX_TEXT = 256;
  /** Dataset inputs kept per entry: with 100 entries a ledger stays well below etcd's object size limit. */
  static final int MAX_DATASETS = 5;

  private PromotionEntries() {}

  public static PromotionEntry of(String fromVersion, ChampionLookup.Champion champion, Optional<PromotionDeployment> deployment, Instant observedAt) {
    PromotionEntry e = new PromotionEntry();
    MlflowApi.ModelVersion v = champion.version();
    e.alias = champion.alias();
    e.fromVersion = fromVersion;
    e.toVersion = v.version();
    e.observedAt = observedAt.toString();
    e.runId = bounded(v.runId());
    MlflowApi.Run run = champion.run();
    if (run != null && run.datasets() != null) {
      for (MlflowApi.DatasetInput d : run.datasets().stream().limit(MAX_DATASETS).toList()) {
        PromotionDataset out = new PromotionDataset();
        out.name = bounded(d.name());
        out.digest = bounded(d.digest());
        out.source = bounded(d.source());
        e.datasets.add(out);
      }
    }
    // the gate tags the quality-gate probe reads: on the version first, else on its run
    Map<String, String> gate = tagged(v.tags()) ? v.tags() : run != null && tagged(run.tags()) ? run.tags() : Map.of();
    e.gateResult = bounded(gate.get(QualityGateProbe.RESULT));
    if (gate.get(QualityGateProbe.CANDIDATE) != null) {
      e.gateComparison = bounded(Optional.ofNullable(gate.get(QualityGateProbe.METRIC)).orElse("score") + " "
          + gate.get(QualityGateProbe.CANDIDATE) + " vs " + Optional.ofNullable(gate.get(QualityGateProbe.CHAMPION)).orElse("?"));
    }
    deployment.ifPresent(d -> e.deployment = d);
    String tagged = v.tags() == null ? null : v.tags().get(PROMOTED_BY);
    if (deployment.isPresent() && deployment.get().initiatedBy != null) {
      e.who = deployment.get().initiatedBy;
      e.whoSource = "argocd";
    } else if (tagged != null && !tagged.isBlank()) {
      e.who = bounded(tagged.trim());
      e.whoSource = "mlflow-tag";
    } else {
      e.who = UNKNOWN;
      e.whoSource = "none";
    }
    return e;
  }

  private static boolean tagged(Map<String, String> tags) {
    return tags != null && tags.get(QualityGateProbe.RESULT) != null && !tags.get(QualityGateProbe.RESULT).isBlank();
  }

  private static String bounded(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
  }
}
