package dev.mlops.maturity.probe.pipeline;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cron schedule parsed as the schedulers parse it (robfig/cron v3, used by Argo Workflows,
 * Kubernetes CronJobs and Kubeflow Pipelines): Argo and CronJobs take 5 fields (minute first), KFP's
 * ScheduledWorkflow 6 (seconds first, {@code "0 0 2 * * *"}). Strict like the schedulers: value
 * ranges, month and weekday names, {@code a-b}, {@code /step}, lists, {@code *} and {@code ?}, the
 * descriptors ({@code @daily}, {@code @every 1h}) and a leading {@code CRON_TZ=}/{@code TZ=} zone.
 * It can tell when the schedule last fired before an instant, so a probe can ask "did it fire?".
 */
final class CronExpression {
  static final int STANDARD_FIELDS = 5;
  static final int WITH_SECONDS_FIELDS = 6;
  /** Longest span searched back for a fire time (a Feb-29 schedule fires every 4 years). */
  private static final int SEARCH_DAYS = 366 * 9;

  private static final Map<String, String> DESCRIPTORS = Map.of(
      "@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *", "@monthly", "0 0 0 1 * *", "@weekly", "0 0 0 * * 0",
      "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *", "@hourly", "0 0 * * * *");
  private static final Pattern EVERY = Pattern.compile("@every\\s+((\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+)");
  private static final Pattern EVERY_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Pattern ZONE_PREFIX = Pattern.compile("^(?:CRON_TZ|TZ)=(\\S+)\\s+");
  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

  private record Field(String name, int min, int max, String[] names) {}

  private static final Field SECOND = new Field("second", 0, 59, null);
  private static final Field MINUTE = new Field("minute", 0, 59, null);
  private static final Field HOUR = new Field("hour", 0, 23, null);
  private static final Field DAY_OF_MONTH = new Field("day of month", 1, 31, null);
  private static final Field MONTH = new Field("month", 1, 12, MONTHS);
  private static final Field DAY_OF_WEEK = new Field("day of week", 0, 6, DAYS);

  private final long seconds;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  /** robfig: when either day field is a plain star, both must match; otherwise either may. */
  private final boolean dayStar;
  private final ZoneId zone;
  private final Duration every;

  private CronExpression(long[] bits, boolean dayStar, ZoneId zone, Duration every) {
    this.seconds = bits[0];
    this.minutes = bits[1];
    this.hours = bits[2];
    this.daysOfMonth = bits[3];
    this.months = bits[4];
    this.daysOfWeek = bits[5];
    this.dayStar = dayStar;
    this.zone = zone;
    this.every = every;
  }

  /** Why {@code expression} is not a valid schedule with {@code fields} fields, or empty when it is. */
  static Optional<String> problem(String expression, int fields) {
    try {
      parse(expression, fields, ZoneOffset.UTC);
      return Optional.empty();
    } catch (InvalidCron e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The parsed schedule, in {@code defaultZone} unless the expression names its own zone. */
  static CronExpression parse(String expression, int fields, ZoneId defaultZone) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidCron("the schedule is empty");
    }
    String e = expression.trim();
    ZoneId zone = defaultZone;
    Matcher prefix = ZONE_PREFIX.matcher(e);
    if (prefix.find()) {
      zone = zone(prefix.group(1)).orElseThrow(() -> new InvalidCron(Quoted.of(expression) + " names an unknown time zone " + Quoted.of(prefix.group(1))));
      e = e.substring(prefix.end()).trim();
    }
    if (e.startsWith("@")) {
      return descriptor(expression, e, zone);
    }
    String[] parts = e.split("\\s+");
    if (parts.length != fields) {
      throw new InvalidCron(Quoted.of(expression) + " has " + parts.length + " fields, expected " + fields
          + (fields == WITH_SECONDS_FIELDS ? " (seconds first)" : ""));
    }
    String[] six = fields == WITH_SECONDS_FIELDS ? parts : new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
    Field[] order = {SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK};
    long[] bits = new long[6];
    for (int i = 0; i < 6; i++) {
      bits[i] = bits(expression, six[i], order[i]);
    }
    boolean dayStar = isStar(six[3]) || isStar(six[5]);
    return new CronExpression(bits, dayStar, zone, null);
  }

  /** A fixed interval (KFP {@code periodicSchedule.intervalSecond}). */
  static CronExpression every(Duration interval) {
    return new CronExpression(new long[6], false, ZoneOffset.UTC, interval);
  }

  /** A region time zone as Go's time.LoadLocation knows it ("Europe/Berlin", "UTC"), or empty. */
  static Optional<ZoneId> zone(String name) {
    if (name == null || name.isBlank() || !ZoneId.getAvailableZoneIds().contains(name.trim())) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(name.trim()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }


  /** The last fire time strictly before {@code before}, or empty when it never fired in the searched span. */
  Optional<Instant> previousFire(Instant before) {
    if (every != null) {
      return Optional.of(before.minus(every));
    }
    LocalDateTime upper = LocalDateTime.ofInstant(before.minusSeconds(1), zone).withNano(0);
    LocalDate day = upper.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.minusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      LocalTime bound = day.equals(upper.toLocalDate()) ? upper.toLocalTime() : LocalTime.MAX.withNano(0);
      while (bound != null) {
        LocalTime t = latestTimeAtOrBefore(bound);
        if (t == null) {
          break;
        }
        Instant fire = day.atTime(t).atZone(zone).toInstant();
        if (fire.isBefore(before)) {
          return Optional.of(fire);
        }
        // a local time skipped by a DST change lands later than asked: try the time before it
        bound = t.equals(LocalTime.MIDNIGHT) ? null : t.minusSeconds(1);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    if ((months & (1L << day.getMonthValue())) == 0) {
      return false;
    }
    boolean dom = (daysOfMonth & (1L << day.getDayOfMonth())) != 0;
    boolean dow = (daysOfWeek & (1L << (day.getDayOfWeek().getValue() % 7))) != 0;
    return dayStar ? dom && dow : dom || dow;
  }

  private LocalTime latestTimeAtOrBefore(LocalTime bound) {
    for (int h = bound.getHour(); h >= 0; h--) {
      if ((hours & (1L << h)) == 0) {
        continue;
      }
      int maxMinute = h == bound.getHour() ? bound.getMinute() : 59;
      for (int m = maxMinute; m >= 0; m--) {
        if ((minutes & (1L << m)) == 0) {
          continue;
        }
        int maxSecond = h == bound.getHour() && m == bound.getMinute() ? bound.getSecond() : 59;
        for (int s = maxSecond; s >= 0; s--) {
          if ((seconds & (1L << s)) != 0) {
            return LocalTime.of(h, m, s);
          }
        }
      }
    }
    return null;
  }

  private static CronExpression descriptor(String expression, String e, ZoneId zone) {
    if (DESCRIPTORS.containsKey(e)) {
      return parse(DESCRIPTORS.get(e), WITH_SECONDS_FIELDS, zone);
    }
    Matcher every = EVERY.matcher(e);
    if (!every.matches()) {
      throw new InvalidCron(Quoted.of(expression) + " is not a known descriptor");
    }
    Duration d = Duration.ZERO;
    Matcher part = EVERY_PART.matcher(every.group(1));
    while (part.find()) {
      double amount = Double.parseDouble(part.group(1));
      long nanosPerUnit = switch (part.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      d = d.plusNanos((long) (amount * nanosPerUnit));
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidCron(Quoted.of(expression) + " repeats more often than once a second");
    }
    return new CronExpression(new long[6], false, zone, d);
  }

  private static boolean isStar(String field) {
    return field.equals("*") || field.equals("?");
  }

  private static long bits(String expression, String field, Field f) {
    long bits = 0;
    for (String range : field.split(",", -1)) {
      bits |= range(expression, range, f);
    }
    return bits;
  }

  private static long range(String expression, String range, Field f) {
    String[] rangeAndStep = range.split("/", -1);
    if (rangeAndStep.length > 2 || rangeAndStep[0].isEmpty()) {
      throw invalid(expression, range, f, "is not a value, range or step");
    }
    String[] lowHigh = rangeAndStep[0].split("-", -1);
    int start;
    int end;
    if (isStar(rangeAndStep[0])) {
      start = f.min();
      end = f.max();
    } else if (lowHigh.length == 1 || lowHigh.length == 2) {
      start = value(expression, lowHigh[0], f);
      end = lowHigh.length == 2 ? value(expression, lowHigh[1], f) : start;
    } else {
      throw invalid(expression, range, f, "is not a value, range or step");
    }
    int step = 1;
    if (rangeAndStep.length == 2) {
      step = number(rangeAndStep[1]).orElseThrow(() -> invalid(expression, range, f, "has a step that is not a positive number"));
      if (step <= 0) {
        throw invalid(expression, range, f, "has a step that is not a positive number");
      }
      if (lowHigh.length == 1 && !isStar(rangeAndStep[0])) {
        end = f.max(); // "N/step" means "N-max/step"
      }
    }
    if (start > end) {
      throw invalid(expression, range, f, "starts after it ends");
    }
    long bits = 0;
    for (int v = start; v <= end; v += step) {
      bits |= 1L << v;
    }
    return bits;
  }

  private static int value(String expression, String token, Field f) {
    if (f.names() != null) {
      for (int i = 0; i < f.names().length; i++) {
        if (f.names()[i].equalsIgnoreCase(token)) {
          return f == MONTH ? i + 1 : i;
        }
      }
    }
    int v = number(token).orElseThrow(() -> invalid(expression, token, f, "is not a number" + (f.names() == null ? "" : " or a name")));
    if (v < f.min() || v > f.max()) {
      throw invalid(expression, token, f, "is outside " + f.min() + "-" + f.max());
    }
    return v;
  }

  private static Optional<Integer> number(String token) {
    if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(token));
  }

  private static InvalidCron invalid(String expression, String token, Field f, String why) {
    return new InvalidCron(Quoted.of(expression) + ": " + f.name() + " " + Quoted.of(token) + " " + why);
  }

  /** A schedule the schedulers would reject; the message quotes it, cut to a safe length. */
  static final class InvalidCron extends IllegalArgumentException {
    InvalidCron(String message) {
      super(message);
    }
  }
}
