package dev.mlops.maturity.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.PromotionDeployment;
import dev.mlops.maturity.api.v1alpha1.PromotionEntry;
import dev.mlops.maturity.probe.mlflow.ChampionLookup;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionEntriesTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private static ChampionLookup.Champion champion(Map<String, String> versionTags, Map<String, String> runTags) {
    MlflowApi.ModelVersion v = new MlflowApi.ModelVersion("fraud-detector", "8", "READY", "r8", "models:/m/", "", 1L, versionTags);
    MlflowApi.Run run = new MlflowApi.Run("r8", "FINISHED", 1, 0, runTags,
        List.of(new MlflowApi.DatasetInput("transactions", "e3b0c442", "s3://lake/transactions")));
    return new ChampionLookup.Champion("fraud-detector", "champion", v, run);
  }

  private static PromotionDeployment argo(String initiatedBy) {
    PromotionDeployment d = new PromotionDeployment();
    d.reference = "argoproj.io/Application argocd/fraud-serving";
    d.revision = "4b1f0c9e2d7a";
    d.deployedAt = "2026-11-22T09:58:00Z";
    d.initiatedBy = initiatedBy;
    return d;
  }

  @Test
  void theArgoCdActorIsWhoAndTheRunGivesTheData() {
    PromotionEntry e = PromotionEntries.of("7", champion(Map.of("mlops.gate.result", "passed"), Map.of()), Optional.of(argo("alice")), NOW);
    assertThat(e.who).isEqualTo("alice");
    assertThat(e.whoSource).isEqualTo("argocd");
    assertThat(e.datasets).extracting(d -> d.digest).containsExactly("e3b0c442");
    assertThat(e.gateResult).isEqualTo("passed");
    assertThat(EntryCompleteness.missing(e)).isEmpty();
  }

  @Test
  void withoutAnActorAnywhereWhoIsUnknownNeverGuessed() {
    PromotionEntry e = PromotionEntries.of("7", champion(Map.of(), Map.of()), Optional.of(argo(null)), NOW);
    assertThat(e.who).isEqualTo("unknown");
    assertThat(EntryCompleteness.missing(e)).anyMatch(m -> m.startsWith("who")).anyMatch(m -> m.startsWith("gate"));
  }

  @Test
  void thePromotedByTagNamesWhoWhenNoDeployRecordsAnActorAndTheRunMayCarryTheGate() {
    PromotionEntry e = PromotionEntries.of("7", champion(Map.of("mlops.promoted_by", "bob"), Map.of("mlops.gate.result", "failed")),
        Optional.empty(), NOW);
    assertThat(e.who).isEqualTo("bob");
    assertThat(e.whoSource).isEqualTo("mlflow-tag");
    assertThat(e.gateResult).isEqualTo("failed");
    assertThat(e.deployment).isNull();
  }
}
