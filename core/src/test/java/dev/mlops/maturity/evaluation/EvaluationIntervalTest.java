package dev.mlops.maturity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationIntervalTest {

  @Test
  void parsesGoStyleDurations() {
    assertThat(EvaluationInterval.parse("30s")).contains(Duration.ofSeconds(30));
    assertThat(EvaluationInterval.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(EvaluationInterval.parse("1m500ms")).contains(Duration.ofMillis(60_500));
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertThat(EvaluationInterval.parse("abc")).isEmpty();
    assertThat(EvaluationInterval.parse("5")).isEmpty();
    assertThat(EvaluationInterval.parse("1d")).isEmpty();
    assertThat(EvaluationInterval.parse(null)).isEmpty();
    assertThat(EvaluationInterval.parse("99999999999999999999s")).isEmpty();
  }

  @Test
  void effectiveIntervalIsAtLeastTheMinimumAndDefaultsWhenInvalid() {
    assertThat(EvaluationInterval.effective("10s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(EvaluationInterval.effective("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(EvaluationInterval.effective("abc")).isEqualTo(Duration.ofMinutes(5));
    assertThat(EvaluationInterval.effective(null)).isEqualTo(Duration.ofMinutes(5));
  }
}
