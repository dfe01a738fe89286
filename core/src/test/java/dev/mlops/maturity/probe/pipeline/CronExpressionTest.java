package dev.mlops.maturity.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

  @ParameterizedTest
  @ValueSource(strings = {"0 2 * * *", "*/15 * * * 1-5", "0 0 1 JAN,JUL *", "30 3 ? * MON", "CRON_TZ=Europe/Berlin 0 2 * * *", "TZ=UTC 5 4 * * sun"})
  void acceptsFiveFieldSchedulesForArgoAndCronJobs(String cron) {
    assertThat(CronExpression.problem(cron, CronExpression.STANDARD_FIELDS)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 2 * * *", "1-10 * * * * *", "0 */30 * * * ?", "0 0 0 1 * MON-FRI"})
  void acceptsKfpSixFieldSchedulesWithSecondsFirst(String cron) {
    assertThat(CronExpression.problem(cron, CronExpression.WITH_SECONDS_FIELDS)).isEmpty();
  }

  @Test
  void rejectsAFiveFieldCronInKfpSayingSecondsComeFirst() {
    assertThat(CronExpression.problem("0 2 * * *", CronExpression.WITH_SECONDS_FIELDS))
        .hasValue("'0 2 * * *' has 5 fields, expected 6 (seconds first)");
  }

  @Test
  void rejectsASixFieldCronInArgo() {
    assertThat(CronExpression.problem("0 0 2 * * *", CronExpression.STANDARD_FIELDS)).hasValue("'0 0 2 * * *' has 6 fields, expected 5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"@daily", "@hourly", "@weekly", "@monthly", "@yearly", "@annually", "@midnight", "@every 6h", "@every 1h30m", "@every 90s"})
  void acceptsDescriptorsInEveryDialect(String cron) {
    assertThat(CronExpression.problem(cron, CronExpression.STANDARD_FIELDS)).isEmpty();
    assertThat(CronExpression.problem(cron, CronExpression.WITH_SECONDS_FIELDS)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"@nightly", "@every", "@every tomorrow", "0 2 * * $", "0 2 * * * ;", "0 2 {} * *"})
  void rejectsUnknownDescriptorsAndStrayCharacters(String cron) {
    assertThat(CronExpression.problem(cron, CronExpression.STANDARD_FIELDS)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void anEmptyScheduleIsAProblem(String cron) {
    assertThat(CronExpression.problem(cron, CronExpression.STANDARD_FIELDS)).hasValue("the schedule is empty");
    assertThat(CronExpression.problem(null, CronExpression.STANDARD_FIELDS)).hasValue("the schedule is empty");
  }

  static Stream<String> randomFiveFieldCrons() {
    Random random = new Random(20261122L);
    String[][] choices = {
        {"0", "5", "*/15", "0,30", "10-20"}, {"*", "2", "1-5", "*/6", "0,12"}, {"*", "1", "1-15", "?", "L"},
        {"*", "1", "JAN", "*/3", "1-6"}, {"*", "0", "MON-FRI", "1,3,5", "SUN"}};
    return IntStream.range(0, 40).mapToObj(i -> {
      StringBuilder sb = new StringBuilder();
      for (String[] field : choices) {
        sb.append(sb.isEmpty() ? "" : " ").append(field[random.nextInt(field.length)]);
      }
      return sb.toString();
    });
  }

  /** Property: a valid 5-field cron is accepted by Argo/CronJob and, with a seconds field prepended, by KFP, never the other way round. */
  @ParameterizedTest
  @MethodSource("randomFiveFieldCrons")
  void theSecondsFieldIsExactlyTheDifferenceBetweenDialects(String cron) {
    assertThat(CronExpression.problem(cron, CronExpression.STANDARD_FIELDS)).isEmpty();
    assertThat(CronExpression.problem(cron, CronExpression.WITH_SECONDS_FIELDS)).isPresent();
    assertThat(CronExpression.problem("0 " + cron, CronExpression.WITH_SECONDS_FIELDS)).isEmpty();
    assertThat(CronExpression.problem("0 " + cron, CronExpression.STANDARD_FIELDS)).isPresent();
  }
}
