package dev.mlops.maturity.model;

/**
 * One detectable practice. {@code declaredOnly} capabilities have no reliable in-cluster signal
 * and are Satisfied only by a declared entry the model accepts.
 */
public record Capability(String id, String meaning, Scope scope, boolean declaredOnly, String howToClimb) {}
