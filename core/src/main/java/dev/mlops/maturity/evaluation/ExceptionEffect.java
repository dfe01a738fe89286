package dev.mlops.maturity.evaluation;

/** What a waiver or notApplicable entry does to its capability right now. */
public enum ExceptionEffect {
  /** It holds (self-declared within the policy, or approved by a MaturityException). */
  Held,
  /** Approval is required and no MaturityException approves it yet. */
  Requested,
  /** The policy refuses it. */
  Refused,
  /** Its expiry (or its MaturityException's) has passed. */
  Expired
}
