package dev.mlops.maturity.whatif;

/** A plan cannot be read; the message names the file and the document to fix. */
public class InvalidPlanException extends Exception {
  public InvalidPlanException(String message) {
    super(message);
  }
}
