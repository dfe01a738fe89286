package dev.mlops.maturity.evaluation;

import dev.mlops.maturity.evidence.Evidence;

/** One capability of the model with the level that requires (or recommends) it and its effective evidence. */
public record CapabilityResult(String id, int level, boolean recommended, Evidence evidence) {}
