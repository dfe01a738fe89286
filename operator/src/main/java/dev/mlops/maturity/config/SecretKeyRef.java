package dev.mlops.maturity.config;

/** A key of a Secret holding a bearer token; namespace defaults to the operator's own. */
public record SecretKeyRef(String name, String namespace, String key) {}
