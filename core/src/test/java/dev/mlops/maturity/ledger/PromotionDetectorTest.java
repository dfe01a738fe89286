package dev.mlops.maturity.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import org.junit.jupiter.api.Test;

class PromotionDetectorTest {
  private static MaturityLedgerSpec at(String version) {
    return LedgerUpdate.baseline(null, "fraud-detector", "champion", version, 50);
  }

  @Test
  void theFirstSightIsABaselineNotAPromotion() {
    assertThat(PromotionDetector.compare(null, "fraud-detector", "champion", "7").kind()).isEqualTo(PromotionDetector.Kind.FIRST_SIGHT);
  }

  @Test
  void theSameVersionAsRecordedIsNoPromotionSoARestartAddsNothing() {
    assertThat(PromotionDetector.compare(at("8"), "fraud-detector", "champion", "8").kind()).isEqualTo(PromotionDetector.Kind.UNCHANGED);
  }

  @Test
  void anotherVersionIsAPromotionFromTheRecordedOne() {
    PromotionDetector.Change c = PromotionDetector.compare(at("7"), "fraud-detector", "champion", "8");
    assertThat(c.kind()).isEqualTo(PromotionDetector.Kind.PROMOTED);
    assertThat(c.fromVersion()).isEqualTo("7");
    assertThat(c.toVersion()).isEqualTo("8");
  }

  @Test
  void anotherModelOrAliasInTheSpecStartsANewBaselineInsteadOfAFakeMove() {
    assertThat(PromotionDetector.compare(at("7"), "churn", "champion", "3").kind()).isEqualTo(PromotionDetector.Kind.FIRST_SIGHT);
    assertThat(PromotionDetector.compare(at("7"), "fraud-detector", "prod", "3").kind()).isEqualTo(PromotionDetector.Kind.FIRST_SIGHT);
  }
}
