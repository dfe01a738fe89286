package dev.mlops.maturity.probe.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"8, 8", "'  4 ', 4", "0, 0", "500m, 0.5", "1k, 1000", "2Ki, 2048"})
  void parsesQuantityStrings(String text, BigDecimal expected) {
    assertThat(Quantities.amount(text)).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo(expected));
  }

  @Test
  void acceptsNumbersAsYamlDecodesThem() {
    assertThat(Quantities.positive(8)).isTrue();
    assertThat(Quantities.positive(0)).isFalse();
    assertThat(Quantities.positive(0.5)).isTrue();
  }

  @Test
  void missingOrGarbageIsNotPositive() {
    assertThat(Quantities.positive(null)).isFalse();
    assertThat(Quantities.positive("")).isFalse();
    assertThat(Quantities.positive("lots")).isFalse();
    assertThat(Quantities.amount("lots")).isEmpty();
  }
}
