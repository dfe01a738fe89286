package dev.mlops.maturity.probe.pipeline;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Shape check of a cron schedule as the schedulers parse it: Argo Workflows and Kubernetes
 * CronJobs take the standard 5 fields (minute first); Kubeflow Pipelines' ScheduledWorkflow takes
 * 6 fields with seconds first ({@code "0 0 2 * * *"}). All accept the robfig descriptors
 * ({@code @daily}, {@code @every 1h}) and a leading {@code CRON_TZ=}/{@code TZ=} zone.
 * Only the shape is checked, not value ranges.
 */
final class CronExpression {
  static final int STANDARD_FIELDS = 5;
  static final int WITH_SECONDS_FIELDS = 6;

  private static final Set<String> DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern EVERY = Pattern.compile("@every\\s+(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");
  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?/,\\-#]+");
  private static final Pattern ZONE_PREFIX = Pattern.compile("^(CRON_TZ|TZ)=\\S+\\s+");

  private CronExpression() {}

  /** Why {@code expression} is not a valid schedule with {@code fields} fields, or empty when it is. */
  static Optional<String> problem(String expression, int fields) {
    if (expression == null || expression.isBlank()) {
      return Optional.of("the schedule is empty");
    }
    String e = ZONE_PREFIX.matcher(expression.trim()).replaceFirst("");
    if (e.startsWith("@")) {
      return DESCRIPTORS.contains(e) || EVERY.matcher(e).matches()
          ? Optional.empty() : Optional.of("'" + expression + "' is not a known descriptor");
    }
    String[] parts = e.split("\\s+");
    if (parts.length != fields) {
      return Optional.of("'" + expression + "' has " + parts.length + " fields, expected " + fields
          + (fields == WITH_SECONDS_FIELDS ? " (seconds first)" : ""));
    }
    for (String part : parts) {
      if (!FIELD.matcher(part).matches()) {
        return Optional.of("'" + expression + "' has an invalid field '" + part + "'");
      }
    }
    return Optional.empty();
  }
}
