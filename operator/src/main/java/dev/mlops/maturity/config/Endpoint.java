package dev.mlops.maturity.config;

import java.net.URI;

/** A server root URL named in the admin's configuration, with an optional token Secret. */
public record Endpoint(URI url, SecretKeyRef tokenSecretRef) {}
