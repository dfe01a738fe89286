package dev.mlops.maturity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.maturity.api.v1alpha1.ApiPatterns;
import org.junit.jupiter.api.Test;

class CapabilityCatalogueTest {

  @Test
  void everyEntryHasAnIdTheCrdAcceptsAMeaningAndAdvice() {
    assertThat(CapabilityCatalogue.all()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.id()).matches(ApiPatterns.CAPABILITY_ID).hasSizeLessThanOrEqualTo(63);
      assertThat(c.meaning()).isNotBlank();
      assertThat(c.howToClimb()).as(c.id()).isNotBlank().endsWith(".");
      assertThat(c.scope()).isNotNull();
    });
  }

  @Test
  void platformCapabilitiesAreTheClusterWideOnes() {
    assertThat(CapabilityCatalogue.all()).filteredOn(c -> c.scope() == Scope.PLATFORM).extracting(Capability::id)
        .containsExactlyInAnyOrder("multi-model-serving", "gpu-scheduling", "gpu-utilisation", "spot-capacity",
            "right-sizing");
  }

  @Test
  void declaredOnlyCapabilitiesHaveNoInClusterSignal() {
    assertThat(CapabilityCatalogue.get("manual-retraining-documented").declaredOnly()).isTrue();
    assertThat(CapabilityCatalogue.get("app-ci").declaredOnly()).isTrue();
    assertThat(CapabilityCatalogue.get("model-testing-ci").declaredOnly()).isTrue();
    assertThat(CapabilityCatalogue.get("model-registry").declaredOnly()).isFalse();
  }

  @Test
  void lookupOfAnUnknownIdIsEmptyOrAClearError() {
    assertThat(CapabilityCatalogue.contains("Model_Registry")).isFalse();
    assertThat(CapabilityCatalogue.contains(null)).isFalse();
    assertThat(CapabilityCatalogue.find(null)).isEmpty();
    assertThatThrownBy(() -> CapabilityCatalogue.get("vibes")).hasMessage("unknown capability id 'vibes'");
  }
}
