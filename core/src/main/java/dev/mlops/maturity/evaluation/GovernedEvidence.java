package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.evidence.Evidence;
import java.util.Map;

/** The effective evidence per capability after the policy, and what the policy decided on the way. */
public record GovernedEvidence(Map<String, Evidence> effective, Governance governance) {}
