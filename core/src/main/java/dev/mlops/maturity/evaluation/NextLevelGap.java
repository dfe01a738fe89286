package dev.mlops.maturity.evaluation;

import java.util.List;

/** The level above the observed one and the requirements that block it (anyOf shown as anyOf(a|b)). */
public record NextLevelGap(int level, String name, List<String> missing) {}
