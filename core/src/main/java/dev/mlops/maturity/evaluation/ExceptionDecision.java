package dev.mlops.maturity.evaluation;

/**
 * The effect of one waiver or notApplicable entry: {@code field} is its place in the spec,
 * {@code exception} the MaturityException that approves (or last approved) it, null when none,
 * {@code expires} the last day it holds, null when unbounded.
 */
public record ExceptionDecision(
    String capability, EntryKind kind, String field, String exception, ExceptionEffect effect, String expires, String message) {

  /** Who stands for the entry in an Event or history line. */
  public String subject() {
    return exception != null ? "MaturityException " + exception : field;
  }
}
