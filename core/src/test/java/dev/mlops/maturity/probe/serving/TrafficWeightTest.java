package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficWeightTest {

  @Test
  void readsNumbersAndNumericStringsAlike() {
    Map<String, Object> route = Map.of("int", 10, "long", 10L, "double", 12.5, "string", "10", "spaced", " 25 ", "percent", "30%");
    assertThat(TrafficWeight.at(route, "int")).contains(10.0);
    assertThat(TrafficWeight.at(route, "long")).contains(10.0);
    assertThat(TrafficWeight.at(route, "double")).contains(12.5);
    assertThat(TrafficWeight.at(route, "string")).contains(10.0);
    assertThat(TrafficWeight.at(route, "spaced")).contains(25.0);
    assertThat(TrafficWeight.at(route, "percent")).contains(30.0);
  }

  @Test
  void ignoresWhatIsNotANumber() {
    Map<String, Object> route = Map.of("text", "ten", "list", List.of(10), "map", Map.of("value", 10), "nan", "NaN", "bool", true);
    for (String key : List.of("text", "list", "map", "nan", "bool", "absent")) {
      assertThat(TrafficWeight.at(route, key)).as(key).isEmpty();
    }
    assertThat(TrafficWeight.of(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0} partial={1}")
  @CsvSource({"-5,false", "0,false", "0.5,true", "1,true", "50,true", "99.9,true", "100,false", "150,false"})
  void onlyStrictlyBetweenZeroAndHundredIsPartial(double percent, boolean partial) {
    assertThat(TrafficWeight.partial(percent)).isEqualTo(partial);
  }

  @Test
  void formatsWholeAndFractionalPercentages() {
    assertThat(TrafficWeight.format(10.0)).isEqualTo("10%");
    assertThat(TrafficWeight.format(12.5)).isEqualTo("12.5%");
    assertThat(TrafficWeight.positive(Optional.of(0.0))).isFalse();
    assertThat(TrafficWeight.positive(Optional.empty())).isFalse();
    assertThat(TrafficWeight.positive(Optional.of(0.1))).isTrue();
  }
}
