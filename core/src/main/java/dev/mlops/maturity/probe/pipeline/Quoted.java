package dev.mlops.maturity.probe.pipeline;

/** A user-written string echoed in a message: quoted and cut, so a hostile object cannot bloat the status. */
final class Quoted {
  static final int MAX_ECHO = 60;

  private Quoted() {}

  static String of(String s) {
    String t = s == null ? "" : s.strip();
    return "'" + (t.length() <= MAX_ECHO ? t : t.substring(0, MAX_ECHO) + "…") + "'";
  }
}
