package dev.mlops.maturity.probe;

/** Whether a LIST of a kind could be answered. Anything but SERVED makes a probe's verdict Unknown. */
public enum Availability {
  SERVED,
  /** The cluster does not serve this kind (CRD not installed). */
  NOT_INSTALLED,
  /** RBAC denied the read (403). */
  FORBIDDEN,
  /** The API server failed or timed out. */
  FAILED
}
