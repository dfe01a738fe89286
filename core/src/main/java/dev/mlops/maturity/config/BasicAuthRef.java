package dev.mlops.maturity.config;

/**
 * A Secret holding HTTP basic-auth credentials for an endpoint, by default the standard keys of a
 * {@code kubernetes.io/basic-auth} Secret ({@code username}, {@code password}).
 *
 * @param namespace null: the operator's own namespace
 */
public record BasicAuthRef(String name, String namespace, String usernameKey, String passwordKey) {
  public static final String USERNAME = "username";
  public static final String PASSWORD = "password";

  public SecretKeyRef username() {
    return new SecretKeyRef(name, namespace, usernameKey);
  }

  public SecretKeyRef password() {
    return new SecretKeyRef(name, namespace, passwordKey);
  }
}
