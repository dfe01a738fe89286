package dev.mlops.maturity.model;

/** Whether a capability is decided per workload or once for the whole cluster. */
public enum Scope {
  WORKLOAD,
  PLATFORM
}
