package dev.mlops.maturity.probe.pipeline;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.ProbeContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One schedule object as the scheduler reads it: its cron expressions (or interval), whether it is
 * paused, and, when it would not fire, why. Handles the version drift of PROBES.md Appendix D:
 * Argo CronWorkflow {@code spec.schedules[]} (3.6+, the only field in 4.x) and {@code spec.schedule}
 * (3.x) are both read; booleans may arrive as strings ({@code suspend: "true"}). A schedule that is
 * enabled and valid still counts only when it really runs (PROBES.md e): see {@link #firingProblem}.
 *
 * @param reference  evidence reference ("argoproj.io/CronWorkflow fraud/nightly")
 * @param schedules  the expressions as written, or "every 3600s" for a KFP periodic trigger
 * @param problem    why it does not count ("is suspended"), or null when it is enabled and valid
 * @param lastFired  the scheduler's last fire time as written in status, or null
 * @param crons      the parsed schedules (empty when {@code problem} is set)
 * @param firedAt    the latest fire time the status records, or null
 * @param createdAt  {@code metadata.creationTimestamp}, or null
 */
record RetrainingSchedule(String reference, List<String> schedules, String problem, String lastFired,
    List<CronExpression> crons, Instant firedAt, Instant createdAt) {
  private static final int MAX_SHOWN = 3;

  boolean enabled() {
    return problem == null;
  }

  /**
   * Why an enabled schedule does not count at {@code now}, or null when it does: it must have fired
   * within its last two periods (the second-last time it was due), or have been created since then.
   */
  String firingProblem(Instant now) {
    Optional<Instant> last = previousDue(now);
    if (last.isEmpty()) {
      return "never fires: " + shown() + " matches no date";
    }
    Instant twoPeriodsAgo = previousDue(last.get()).orElse(last.get());
    if ((firedAt != null && !firedAt.isBefore(twoPeriodsAgo)) || (createdAt != null && !createdAt.isBefore(twoPeriodsAgo))) {
      return null;
    }
    return "is configured but never fired since " + twoPeriodsAgo + " (" + shown() + "; "
        + (lastFired == null ? "no fire recorded in status" : "last fired " + lastFired) + ")";
  }

  /** The latest time any of the schedules was due strictly before {@code t}. */
  private Optional<Instant> previousDue(Instant t) {
    return crons.stream().map(c -> c.previousFire(t)).flatMap(Optional::stream).max(Comparator.naturalOrder());
  }

  /** "argoproj.io/CronWorkflow fraud/nightly (0 2 * * *, last fired 2026-11-22T02:00:00Z)". */
  String describe() {
    return reference + " (" + shown() + (lastFired == null ? "" : ", last fired " + lastFired) + ")";
  }

  /** At most three schedules, each cut, with "and N more": a 10,000-schedule object stays a short message. */
  private String shown() {
    List<String> cut = schedules.stream().limit(MAX_SHOWN).map(s -> s.length() <= 60 ? s : Quoted.of(s)).toList();
    return String.join(" | ", cut) + (schedules.size() > MAX_SHOWN ? " and " + (schedules.size() - MAX_SHOWN) + " more" : "");
  }

  /** Argo {@code CronWorkflow} (argoproj.io/v1alpha1); {@code spec.timezone} applies to every schedule. */
  static RetrainingSchedule ofCronWorkflow(GenericKubernetesResource r) {
    List<String> schedules = new ArrayList<>();
    Fields.list(r, "spec", "schedules").stream()
        .map(s -> s == null ? "" : String.valueOf(s).trim()).filter(s -> !s.isEmpty()).forEach(schedules::add);
    Fields.string(r, "spec", "schedule").map(String::trim).filter(s -> !s.isEmpty())
        .filter(s -> !schedules.contains(s)).ifPresent(schedules::add);
    Parsed parsed;
    if (Fields.isTrue(r, "spec", "suspend")) {
      parsed = Parsed.problem("is suspended");
    } else if (schedules.isEmpty()) {
      parsed = Parsed.problem("has no schedule (spec.schedules and spec.schedule are empty)");
    } else {
      parsed = parse(schedules, CronExpression.STANDARD_FIELDS, Fields.string(r, "spec", "timezone").orElse(null));
    }
    String last = Fields.string(r, "status", "lastScheduledTime").orElse(null);
    return new RetrainingSchedule(ProbeContext.ref(r), schedules, parsed.problem, last, parsed.crons, instant(last), created(r));
  }

  /** Kubeflow Pipelines {@code ScheduledWorkflow} (kubeflow.org/v1beta1): 6-field cron (UTC) or a periodic interval. */
  static RetrainingSchedule ofScheduledWorkflow(GenericKubernetesResource r) {
    List<String> schedules = new ArrayList<>();
    Optional<String> cron = Fields.string(r, "spec", "trigger", "cronSchedule", "cron").map(String::trim).filter(s -> !s.isEmpty());
    Optional<Double> interval = Fields.number(r, "spec", "trigger", "periodicSchedule", "intervalSecond").filter(n -> n >= 1);
    cron.ifPresent(schedules::add);
    interval.ifPresent(n -> schedules.add("every " + n.longValue() + "s"));
    Parsed parsed;
    if (!Fields.isTrue(r, "spec", "enabled")) {
      parsed = Parsed.problem("is disabled (spec.enabled is not true)");
    } else if (schedules.isEmpty()) {
      parsed = Parsed.problem("has no trigger (spec.trigger.cronSchedule.cron or periodicSchedule.intervalSecond)");
    } else if (cron.isPresent()) {
      parsed = parse(List.of(cron.get()), CronExpression.WITH_SECONDS_FIELDS, null);
    } else {
      parsed = new Parsed(null, List.of(CronExpression.every(Duration.ofSeconds(interval.get().longValue()))));
    }
    String last = Fields.string(r, "status", "trigger", "lastTriggeredTime").orElse(null);
    return new RetrainingSchedule(ProbeContext.ref(r), schedules, parsed.problem, last, parsed.crons, instant(last), created(r));
  }

  /** Kubernetes {@code CronJob} (batch/v1); {@code spec.timeZone} as the CronJob controller reads it. */
  static RetrainingSchedule ofCronJob(GenericKubernetesResource r) {
    List<String> schedules = Fields.string(r, "spec", "schedule").map(String::trim).filter(s -> !s.isEmpty()).map(List::of).orElse(List.of());
    Parsed parsed;
    if (Fields.isTrue(r, "spec", "suspend")) {
      parsed = Parsed.problem("is suspended");
    } else if (schedules.isEmpty()) {
      parsed = Parsed.problem("has no schedule");
    } else {
      parsed = parse(schedules, CronExpression.STANDARD_FIELDS, Fields.string(r, "spec", "timeZone").orElse(null));
    }
    Optional<String> scheduled = Fields.string(r, "status", "lastScheduleTime");
    Optional<String> succeeded = Fields.string(r, "status", "lastSuccessfulTime");
    Instant fired = Stream.of(scheduled, succeeded).flatMap(Optional::stream).map(RetrainingSchedule::instant)
        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    return new RetrainingSchedule(ProbeContext.ref(r), schedules, parsed.problem, succeeded.or(() -> scheduled).orElse(null),
        parsed.crons, fired, created(r));
  }

  /** The same CronJob, named as the scheduler of a Tekton EventListener chain (its own labels do not bind it). */
  RetrainingSchedule via(String chain) {
    return new RetrainingSchedule(reference + " → " + chain, schedules, problem, lastFired, crons, firedAt, createdAt);
  }

  private record Parsed(String problem, List<CronExpression> crons) {
    static Parsed problem(String why) {
      return new Parsed(why, List.of());
    }
  }

  private static Parsed parse(List<String> schedules, int fields, String timezone) {
    ZoneId zone = ZoneOffset.UTC;
    if (timezone != null && !timezone.isBlank()) {
      Optional<ZoneId> z = CronExpression.zone(timezone);
      if (z.isEmpty()) {
        return Parsed.problem("has an invalid schedule: unknown time zone " + Quoted.of(timezone));
      }
      zone = z.get();
    }
    List<CronExpression> crons = new ArrayList<>();
    for (String s : schedules) {
      try {
        crons.add(CronExpression.parse(s, fields, zone));
      } catch (CronExpression.InvalidCron e) {
        return Parsed.problem("has an invalid schedule: " + e.getMessage());
      }
    }
    return new Parsed(null, crons);
  }

  private static Instant created(GenericKubernetesResource r) {
    return r.getMetadata() == null ? null : instant(r.getMetadata().getCreationTimestamp());
  }

  private static Instant instant(String s) {
    return s == null ? null : Fields.instant(s.trim()).orElse(null);
  }
}
