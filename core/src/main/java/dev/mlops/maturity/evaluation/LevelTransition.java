package dev.mlops.maturity.evaluation;

/** How the observed level moved compared with the previous evaluation. */
public enum LevelTransition {
  /** First evaluation: nothing to compare with. */
  INITIAL,
  UNCHANGED,
  RAISED,
  /** A required capability is Missing: a real drop. */
  REGRESSED,
  /** The strict level is lower only because probes could not run: the last level is kept. */
  HELD,
  /**
   * The level dropped only because an integration its evidence needs is no longer configured
   * (Unknown, reason NotConfigured): the level follows the evidence, but it is not the team's regression.
   */
  INTEGRATION_REMOVED
}
