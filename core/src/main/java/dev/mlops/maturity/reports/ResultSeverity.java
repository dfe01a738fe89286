package dev.mlops.maturity.reports;

/**
 * The Report {@code severity} of a capability, from the level that requires it: the lower the level, the more
 * basic the capability, so level 0 and 1 are critical, 2 high, 3 medium, 4 and above low. A capability the
 * target does not aim for yet (required above its targetLevel) or only recommended is info, so a Policy
 * Reporter notification filtered on a minimum severity does not page a team for levels it never targeted.
 */
public final class ResultSeverity {
  public static final String CRITICAL = "critical";
  public static final String HIGH = "high";
  public static final String MEDIUM = "medium";
  public static final String LOW = "low";
  public static final String INFO = "info";

  private ResultSeverity() {}

  public static String of(int level, int targetLevel, boolean recommended) {
    if (recommended || level > targetLevel) {
      return INFO;
    }
    return switch (level) {
      case 0, 1 -> CRITICAL;
      case 2 -> HIGH;
      case 3 -> MEDIUM;
      default -> LOW;
    };
  }
}
