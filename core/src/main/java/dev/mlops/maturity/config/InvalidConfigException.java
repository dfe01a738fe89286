package dev.mlops.maturity.config;

/** The operator configuration cannot be used; the message says what to fix. */
public class InvalidConfigException extends Exception {
  public InvalidConfigException(String message) {
    super(message);
  }
}
