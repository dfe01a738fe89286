package dev.mlops.maturity.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetrainingScheduleTest {

  private static GenericKubernetesResource yaml(String kindAndApi, String spec) {
    return Serialization.unmarshal(kindAndApi + "\nmetadata: {name: nightly, namespace: fraud}\n" + spec, GenericKubernetesResource.class);
  }

  private static GenericKubernetesResource cronWorkflow(String spec) {
    return yaml("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow", spec);
  }

  private static GenericKubernetesResource scheduledWorkflow(String spec) {
    return yaml("apiVersion: kubeflow.org/v1beta1\nkind: ScheduledWorkflow", spec);
  }

  private static GenericKubernetesResource cronJob(String spec) {
    return yaml("apiVersion: batch/v1\nkind: CronJob", spec);
  }

  @Test
  void readsTheV4SchedulesList() {
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedules: ['0 2 * * *', '0 14 * * *']}"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.schedules()).containsExactly("0 2 * * *", "0 14 * * *");
    assertThat(s.reference()).isEqualTo("argoproj.io/CronWorkflow fraud/nightly");
  }

  @Test
  void readsTheV3SingularSchedule() {
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedule: '30 3 * * 1'}"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.schedules()).containsExactly("30 3 * * 1");
  }

  @Test
  void readsBothFieldsDuringThe36TransitionWithoutDuplicates() {
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedule: '0 2 * * *', schedules: ['0 2 * * *', '0 3 * * *']}"));
    assertThat(s.schedules()).containsExactly("0 2 * * *", "0 3 * * *");
  }

  @Test
  void anEmptySchedulesListWithoutTheLegacyFieldNeverFires() {
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedules: []}"));
    assertThat(s.enabled()).isFalse();
    assertThat(s.problem()).startsWith("has no schedule");
  }

  @Test
  void blankEntriesInSchedulesDoNotCount() {
    assertThat(RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedules: ['', '  ']}")).problem()).startsWith("has no schedule");
  }

  @Test
  void anEmptySchedulesListFallsBackToTheLegacyField() {
    assertThat(RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedules: [], schedule: '0 2 * * *'}")).enabled()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "suspend: true      | false",
      "suspend: 'true'    | false",
      "suspend: 'True'    | false",
      "suspend: false     | true",
      "suspend: 'false'   | true",
      "suspend: null      | true",
      "foo: bar           | true"})
  void honoursSuspendAsBooleanOrString(String suspend, boolean enabled) {
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedules: ['0 2 * * *'], " + suspend + "}"));
    assertThat(s.enabled()).isEqualTo(enabled);
    if (!enabled) {
      assertThat(s.problem()).isEqualTo("is suspended");
    }
  }

  @Test
  void suspendIsReportedBeforeAMissingSchedule() {
    assertThat(RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {suspend: true, schedules: []}")).problem()).isEqualTo("is suspended");
  }

  @Test
  void aMalformedArgoScheduleIsNamed() {
    assertThat(RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedules: ['0 0 2 * * *']}")).problem())
        .isEqualTo("has an invalid schedule: '0 0 2 * * *' has 6 fields, expected 5");
  }

  @Test
  void describesScheduleAndLastFireTime() {
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow(
        "spec: {schedules: ['0 2 * * *']}\nstatus: {lastScheduledTime: '2026-11-22T02:00:00Z'}"));
    assertThat(s.describe()).isEqualTo("argoproj.io/CronWorkflow fraud/nightly (0 2 * * *, last fired 2026-11-22T02:00:00Z)");
  }

  @Test
  void kfpCronNeedsSixFieldsSecondsFirst() {
    assertThat(RetrainingSchedule.ofScheduledWorkflow(scheduledWorkflow("spec: {enabled: true, trigger: {cronSchedule: {cron: '0 0 2 * * *'}}}")).enabled())
        .isTrue();
    assertThat(RetrainingSchedule.ofScheduledWorkflow(scheduledWorkflow("spec: {enabled: true, trigger: {cronSchedule: {cron: '0 2 * * *'}}}")).problem())
        .isEqualTo("has an invalid schedule: '0 2 * * *' has 5 fields, expected 6 (seconds first)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "enabled: true     | true",
      "enabled: 'true'   | true",
      "enabled: false    | false",
      "enabled: 'false'  | false",
      "maxConcurrency: 1 | false"})
  void kfpNeedsEnabledTrueAndTreatsAnAbsentFlagAsDisabled(String enabled, boolean expected) {
    RetrainingSchedule s = RetrainingSchedule.ofScheduledWorkflow(scheduledWorkflow(
        "spec: {" + enabled + ", trigger: {cronSchedule: {cron: '0 0 2 * * *'}}}"));
    assertThat(s.enabled()).isEqualTo(expected);
    if (!expected) {
      assertThat(s.problem()).startsWith("is disabled");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"3600 | true", "'3600' | true", "0 | false", "'-5' | false", "'hourly' | false"})
  void kfpPeriodicIntervalMayBeAStringAndMustBePositive(String interval, boolean expected) {
    RetrainingSchedule s = RetrainingSchedule.ofScheduledWorkflow(scheduledWorkflow(
        "spec: {enabled: true, trigger: {periodicSchedule: {intervalSecond: " + interval + "}}}"));
    assertThat(s.enabled()).isEqualTo(expected);
    if (expected) {
      assertThat(s.schedules()).containsExactly("every 3600s");
    } else {
      assertThat(s.problem()).startsWith("has no trigger");
    }
  }

  @Test
  void kfpLastFireTimeComesFromStatusTrigger() {
    RetrainingSchedule s = RetrainingSchedule.ofScheduledWorkflow(scheduledWorkflow(
        "spec: {enabled: true, trigger: {cronSchedule: {cron: '0 0 2 * * *'}}}\nstatus: {trigger: {lastTriggeredTime: '2026-11-22T02:00:00Z'}}"));
    assertThat(s.lastFired()).isEqualTo("2026-11-22T02:00:00Z");
  }

  @Test
  void cronJobSuspendedOrWithoutScheduleDoesNotCount() {
    assertThat(RetrainingSchedule.ofCronJob(cronJob("spec: {schedule: '15 1 * * *'}")).enabled()).isTrue();
    assertThat(RetrainingSchedule.ofCronJob(cronJob("spec: {schedule: '15 1 * * *', suspend: true}")).problem()).isEqualTo("is suspended");
    assertThat(RetrainingSchedule.ofCronJob(cronJob("spec: {schedule: '@daily'}")).enabled()).isTrue();
    assertThat(RetrainingSchedule.ofCronJob(cronJob("spec: {}")).problem()).isEqualTo("has no schedule");
  }

  @Test
  void cronJobPrefersLastSuccessfulTimeOverLastScheduleTime() {
    RetrainingSchedule s = RetrainingSchedule.ofCronJob(cronJob(
        "spec: {schedule: '15 1 * * *'}\nstatus: {lastScheduleTime: '2026-11-22T01:15:00Z', lastSuccessfulTime: '2026-11-21T01:50:00Z'}"));
    assertThat(s.lastFired()).isEqualTo("2026-11-21T01:50:00Z");
  }

  private static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T10:00:00Z");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "status: {lastScheduledTime: '2026-11-22T02:00:00Z'}                     | ",
      "status: {lastScheduledTime: '2026-11-21T02:00:00Z'}                     | ",
      "status: {lastScheduledTime: '2026-11-20T02:00:00Z'}                     | is configured but never fired since 2026-11-21T02:00:00Z (0 2 * * *; last fired 2026-11-20T02:00:00Z)",
      "metadata: {name: nightly, namespace: fraud, creationTimestamp: '2026-11-21T05:00:00Z'} | ",
      "metadata: {name: nightly, namespace: fraud, creationTimestamp: '2026-11-01T05:00:00Z'} | is configured but never fired since 2026-11-21T02:00:00Z (0 2 * * *; no fire recorded in status)",
      "status: {lastScheduledTime: 'yesterday'}                                | is configured but never fired since 2026-11-21T02:00:00Z (0 2 * * *; last fired yesterday)"})
  void countsOnlyWhenItFiredWithinTwoPeriodsOrIsNewer(String extra, String problem) {
    GenericKubernetesResource r = extra.startsWith("metadata")
        ? Serialization.unmarshal("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\n" + extra + "\nspec: {schedules: ['0 2 * * *']}", GenericKubernetesResource.class)
        : cronWorkflow("spec: {schedules: ['0 2 * * *']}\n" + extra);
    assertThat(RetrainingSchedule.ofCronWorkflow(r).firingProblem(NOW)).isEqualTo(problem);
  }

  @Test
  void twoPeriodsOfSeveralSchedulesAreTheirUnion() {
    // due at 02:00 and 14:00: the last two due times are 2026-11-22T02:00 and 2026-11-21T14:00
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow(
        "spec: {schedules: ['0 2 * * *', '0 14 * * *']}\nstatus: {lastScheduledTime: '2026-11-21T02:00:00Z'}"));
    assertThat(s.firingProblem(NOW)).startsWith("is configured but never fired since 2026-11-21T14:00:00Z");
  }

  @Test
  void theArgoTimezoneMovesTheDueTimes() {
    // 02:00 in Tokyo is 17:00Z the day before: fired 2026-11-20T17:00Z is two periods back, still counts
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow(
        "spec: {schedules: ['0 2 * * *'], timezone: Asia/Tokyo}\nstatus: {lastScheduledTime: '2026-11-20T17:00:00Z'}"));
    assertThat(s.firingProblem(NOW)).isNull();
    RetrainingSchedule utc = RetrainingSchedule.ofCronWorkflow(cronWorkflow(
        "spec: {schedules: ['0 2 * * *']}\nstatus: {lastScheduledTime: '2026-11-20T17:00:00Z'}"));
    assertThat(utc.firingProblem(NOW)).isNotNull();
  }

  @Test
  void aCronJobCountsFromItsLastScheduleTimeEvenWhenTheLastSuccessIsOlder() {
    RetrainingSchedule s = RetrainingSchedule.ofCronJob(cronJob(
        "spec: {schedule: '15 1 * * *'}\nstatus: {lastScheduleTime: '2026-11-22T01:15:00Z', lastSuccessfulTime: '2026-11-01T01:50:00Z'}"));
    assertThat(s.firingProblem(NOW)).isNull();
  }

  @Test
  void aKfpPeriodicTriggerIsDueEveryInterval() {
    RetrainingSchedule s = RetrainingSchedule.ofScheduledWorkflow(scheduledWorkflow(
        "spec: {enabled: true, trigger: {periodicSchedule: {intervalSecond: 3600}}}\nstatus: {trigger: {lastTriggeredTime: '2026-11-22T07:59:00Z'}}"));
    assertThat(s.firingProblem(NOW)).isEqualTo("is configured but never fired since 2026-11-22T08:00:00Z (every 3600s; last fired 2026-11-22T07:59:00Z)");
  }

  @Test
  void aScheduleOnANonExistentDateNeverFires() {
    RetrainingSchedule s = RetrainingSchedule.ofCronJob(cronJob("spec: {schedule: '0 0 31 2 *'}"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.firingProblem(NOW)).isEqualTo("never fires: 0 0 31 2 * matches no date");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "spec: {schedules: ['a b c d e']}                         | has an invalid schedule: 'a b c d e': minute 'a' is not a number",
      "spec: {schedule: '61 25 32 13 9'}                        | has an invalid schedule: '61 25 32 13 9': minute '61' is outside 0-59",
      "spec: {schedules: ['0 2 * * *'], timezone: Mars/Olympus_Mons} | has an invalid schedule: unknown time zone 'Mars/Olympus_Mons'"})
  void invalidSchedulesDoNotCount(String spec, String problem) {
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow(spec));
    assertThat(s.enabled()).isFalse();
    assertThat(s.problem()).isEqualTo(problem);
  }

  @Test
  void aCronJobTimeZoneIsValidatedToo() {
    assertThat(RetrainingSchedule.ofCronJob(cronJob("spec: {schedule: '0 2 * * *', timeZone: Mars/Olympus_Mons}")).problem())
        .isEqualTo("has an invalid schedule: unknown time zone 'Mars/Olympus_Mons'");
  }

  @Test
  void tenThousandSchedulesGiveAShortDescription() {
    String many = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "'" + (i % 60) + " " + (i % 24) + " * * *'")
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    RetrainingSchedule s = RetrainingSchedule.ofCronWorkflow(cronWorkflow("spec: {schedules: " + many + "}"));
    assertThat(s.describe()).hasSizeLessThan(200).contains("and 9997 more");
    assertThat(s.firingProblem(NOW)).hasSizeLessThan(300);
  }
}
