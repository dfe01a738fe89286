package dev.mlops.maturity.config;

/** A key of a Secret holding a credential (a bearer token, a basic-auth username or password); namespace defaults to the operator's own. */
public record SecretKeyRef(String name, String namespace, String key) {}
