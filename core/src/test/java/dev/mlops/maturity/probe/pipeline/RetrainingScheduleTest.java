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
}
