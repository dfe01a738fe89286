package dev.mlops.maturity.evidence;

/** The verdict on one capability. Only Satisfied, Waived and NotApplicable hold a level. */
public enum CapabilityState {
  Satisfied,
  Missing,
  /** The probe could not run (CRD absent, RBAC denied, endpoint down); never the same as Missing. */
  Unknown,
  Waived,
  NotApplicable;

  public boolean holds() {
    return this == Satisfied || this == Waived || this == NotApplicable;
  }
}
