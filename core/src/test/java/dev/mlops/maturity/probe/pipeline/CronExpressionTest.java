package dev.mlops.maturity.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        {"0", "5", "*/15", "0,30", "10-20"}, {"*", "2", "1-5", "*/6", "0,12"}, {"*", "1", "1-15", "?", "1,15"},
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "a b c d e        | 'a b c d e': minute 'a' is not a number",
      "61 25 32 13 9    | '61 25 32 13 9': minute '61' is outside 0-59",
      "0 25 * * *       | '0 25 * * *': hour '25' is outside 0-23",
      "0 2 32 * *       | '0 2 32 * *': day of month '32' is outside 1-31",
      "0 2 * 13 *       | '0 2 * 13 *': month '13' is outside 1-12",
      "0 2 * * 7        | '0 2 * * 7': day of week '7' is outside 0-6",
      "0 2 * * FUNDAY   | '0 2 * * FUNDAY': day of week 'FUNDAY' is not a number or a name",
      "0 2 * JANUARY *  | '0 2 * JANUARY *': month 'JANUARY' is not a number or a name",
      "*/0 * * * *      | '*/0 * * * *': minute '*/0' has a step that is not a positive number",
      "30-10 * * * *    | '30-10 * * * *': minute '30-10' starts after it ends",
      "0 2 L * *        | '0 2 L * *': day of month 'L' is not a number",
      "0 2 * * 1#2      | '0 2 * * 1#2': day of week '1#2' is not a number or a name",
      "0 2 1-2-3 * *    | '0 2 1-2-3 * *': day of month '1-2-3' is not a value, range or step",
      "0 2 ,1 * *       | '0 2 ,1 * *': day of month '' is not a value, range or step",
      "CRON_TZ=Mars/Olympus_Mons 0 2 * * * | 'CRON_TZ=Mars/Olympus_Mons 0 2 * * *' names an unknown time zone 'Mars/Olympus_Mons'",
      "@Daily           | '@Daily' is not a known descriptor",
      "@every 1ms       | '@every 1ms' repeats more often than once a second"})
  void rejectsWhatTheSchedulersRejectNamingTheField(String cron, String problem) {
    assertThat(CronExpression.problem(cron, CronExpression.STANDARD_FIELDS)).hasValue(problem);
  }

  @Test
  void neverEchoesAHugeScheduleWhole() {
    String huge = "1,".repeat(50_000) + "x * * * *";
    assertThat(CronExpression.problem(huge, CronExpression.STANDARD_FIELDS).orElseThrow()).hasSizeLessThan(200);
  }

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z"); // a Sunday

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0 2 * * *              | UTC                 | 2026-11-22T02:00:00Z",
      "0 2 * * *              | Europe/Berlin       | 2026-11-22T01:00:00Z",
      "0 2 * * *              | America/Los_Angeles | 2026-11-21T10:00:00Z",
      "0 10 * * *             | UTC                 | 2026-11-21T10:00:00Z",
      "30 3 * * MON           | UTC                 | 2026-11-16T03:30:00Z",
      "*/15 * * * *           | UTC                 | 2026-11-22T09:45:00Z",
      "0 0 1 JAN,jul *        | UTC                 | 2026-07-01T00:00:00Z",
      "0 0 13 * FRI           | UTC                 | 2026-11-20T00:00:00Z",
      "0 0 */10 * *           | UTC                 | 2026-11-21T00:00:00Z",
      "0 0 29 2 *             | UTC                 | 2024-02-29T00:00:00Z",
      "@hourly                | UTC                 | 2026-11-22T09:00:00Z",
      "@weekly                | UTC                 | 2026-11-22T00:00:00Z",
      "@monthly               | UTC                 | 2026-11-01T00:00:00Z",
      "@every 6h              | UTC                 | 2026-11-22T04:00:00Z",
      "CRON_TZ=Asia/Tokyo 0 2 * * * | UTC           | 2026-11-21T17:00:00Z"})
  void findsTheLastTimeTheScheduleWasDue(String cron, String zone, String expected) {
    CronExpression c = CronExpression.parse(cron, CronExpression.STANDARD_FIELDS, java.time.ZoneId.of(zone));
    assertThat(c.previousFire(NOW)).hasValue(Instant.parse(expected));
  }

  @Test
  void aDomAndDowBothRestrictedMatchEitherAsRobfigDoes() {
    // the 13th OR any Friday: Friday 2026-11-20 comes before Friday the 13th
    CronExpression c = CronExpression.parse("0 0 13 * FRI", CronExpression.STANDARD_FIELDS, ZoneOffset.UTC);
    assertThat(c.previousFire(Instant.parse("2026-11-14T00:00:00Z"))).hasValue(Instant.parse("2026-11-13T00:00:00Z"));
    assertThat(c.previousFire(Instant.parse("2026-11-13T00:00:00Z"))).hasValue(Instant.parse("2026-11-06T00:00:00Z"));
  }

  @Test
  void kfpSixFieldCronHonoursSeconds() {
    CronExpression c = CronExpression.parse("30 0 2 * * *", CronExpression.WITH_SECONDS_FIELDS, ZoneOffset.UTC);
    assertThat(c.previousFire(NOW)).hasValue(Instant.parse("2026-11-22T02:00:30Z"));
  }

  @Test
  void aLocalTimeSkippedByDaylightSavingFiresAfterTheGap() {
    // 2026-03-29 02:30 does not exist in Berlin; Go's time package, like java.time, moves it to 03:30 CEST (01:30Z)
    CronExpression c = CronExpression.parse("30 2 * * *", CronExpression.STANDARD_FIELDS, java.time.ZoneId.of("Europe/Berlin"));
    assertThat(c.previousFire(Instant.parse("2026-03-29T12:00:00Z"))).hasValue(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void aScheduleOnADateThatDoesNotExistNeverFires() {
    CronExpression c = CronExpression.parse("0 0 30 2 *", CronExpression.STANDARD_FIELDS, ZoneOffset.UTC);
    assertThat(c.previousFire(NOW)).isEmpty();
  }
}
