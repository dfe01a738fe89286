package dev.mlops.maturity.model;

import java.util.List;

/** A maturity model that cannot be used, with every problem found. */
public class InvalidModelException extends Exception {
  private final List<String> problems;

  public InvalidModelException(String modelId, List<String> problems) {
    super("maturity model '" + modelId + "' is invalid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
