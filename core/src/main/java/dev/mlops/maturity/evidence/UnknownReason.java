package dev.mlops.maturity.evidence;

/**
 * Why a capability is Unknown, for machines (the message says it for people). Only {@link #NotConfigured}
 * is a stable absence: the signal needs an integration no endpoint provides. Every other reason is a
 * failure (Degraded=True, a ProbeFailing Event, probe_errors_total).
 */
public enum UnknownReason {
  /** The signal needs an integration (MLflow, Prometheus) that no configured endpoint provides. */
  NotConfigured,
  /** A kind that would show the capability is not served (its CRD is not installed). */
  NotInstalled,
  /** RBAC denied a read. */
  Forbidden,
  /** The API server failed or timed out. */
  Unreachable,
  /** Anything else: an endpoint answered an error or garbage, the probe threw, no evidence at all. */
  Failed;

  public boolean isFailure() {
    return this != NotConfigured;
  }
}
