package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.ProbeContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One schedule object as the scheduler reads it: its cron expressions (or interval), whether it is
 * paused, and, when it would not fire, why. Handles the version drift of PROBES.md Appendix D:
 * Argo CronWorkflow {@code spec.schedules[]} (3.6+, the only field in 4.x) and {@code spec.schedule}
 * (3.x) are both read; booleans may arrive as strings ({@code suspend: "true"}).
 *
 * @param reference  evidence reference ("argoproj.io/CronWorkflow fraud/nightly")
 * @param schedules  the expressions as written, or "every 3600s" for a KFP periodic trigger
 * @param problem    why it does not count ("is suspended"), or null when it is enabled and valid
 * @param lastFired  the scheduler's last fire time as written in status, or null
 */
record RetrainingSchedule(String reference, List<String> schedules, String problem, String lastFired) {

  boolean enabled() {
    return problem == null;
  }

  /** "argoproj.io/CronWorkflow fraud/nightly (0 2 * * *, last fired 2026-11-22T02:00:00Z)". */
  String describe() {
    return reference + " (" + String.join(" | ", schedules) + (lastFired == null ? "" : ", last fired " + lastFired) + ")";
  }

  /** Argo {@code CronWorkflow} (argoproj.io/v1alpha1). */
  static RetrainingSchedule ofCronWorkflow(GenericKubernetesResource r) {
    List<String> schedules = new ArrayList<>();
    Fields.list(r, "spec", "schedules").stream()
        .map(s -> s == null ? "" : String.valueOf(s).trim()).filter(s -> !s.isEmpty()).forEach(schedules::add);
    Fields.string(r, "spec", "schedule").map(String::trim).filter(s -> !s.isEmpty())
        .filter(s -> !schedules.contains(s)).ifPresent(schedules::add);
    String problem;
    if (Fields.isTrue(r, "spec", "suspend")) {
      problem = "is suspended";
    } else if (schedules.isEmpty()) {
      problem = "has no schedule (spec.schedules and spec.schedule are empty)";
    } else {
      problem = firstProblem(schedules, CronExpression.STANDARD_FIELDS);
    }
    return new RetrainingSchedule(ProbeContext.ref(r), schedules, problem, Fields.string(r, "status", "lastScheduledTime").orElse(null));
  }

  /** Kubeflow Pipelines {@code ScheduledWorkflow} (kubeflow.org/v1beta1): 6-field cron or a periodic interval. */
  static RetrainingSchedule ofScheduledWorkflow(GenericKubernetesResource r) {
    List<String> schedules = new ArrayList<>();
    Optional<String> cron = Fields.string(r, "spec", "trigger", "cronSchedule", "cron").map(String::trim).filter(s -> !s.isEmpty());
    Optional<Double> interval = Fields.number(r, "spec", "trigger", "periodicSchedule", "intervalSecond").filter(n -> n > 0);
    cron.ifPresent(schedules::add);
    interval.ifPresent(n -> schedules.add("every " + n.longValue() + "s"));
    String problem;
    if (!Fields.isTrue(r, "spec", "enabled")) {
      problem = "is disabled (spec.enabled is not true)";
    } else if (schedules.isEmpty()) {
      problem = "has no trigger (spec.trigger.cronSchedule.cron or periodicSchedule.intervalSecond)";
    } else {
      problem = cron.map(c -> firstProblem(List.of(c), CronExpression.WITH_SECONDS_FIELDS)).orElse(null);
    }
    return new RetrainingSchedule(ProbeContext.ref(r), schedules, problem,
        Fields.string(r, "status", "trigger", "lastTriggeredTime").orElse(null));
  }

  /** Kubernetes {@code CronJob} (batch/v1). */
  static RetrainingSchedule ofCronJob(GenericKubernetesResource r) {
    List<String> schedules = Fields.string(r, "spec", "schedule").map(String::trim).filter(s -> !s.isEmpty()).map(List::of).orElse(List.of());
    String problem;
    if (Fields.isTrue(r, "spec", "suspend")) {
      problem = "is suspended";
    } else if (schedules.isEmpty()) {
      problem = "has no schedule";
    } else {
      problem = firstProblem(schedules, CronExpression.STANDARD_FIELDS);
    }
    String lastFired = Fields.string(r, "status", "lastSuccessfulTime").or(() -> Fields.string(r, "status", "lastScheduleTime")).orElse(null);
    return new RetrainingSchedule(ProbeContext.ref(r), schedules, problem, lastFired);
  }

  private static String firstProblem(List<String> schedules, int fields) {
    return schedules.stream().map(s -> CronExpression.problem(s, fields)).flatMap(Optional::stream)
        .findFirst().map(p -> "has an invalid schedule: " + p).orElse(null);
  }
}
