package dev.mlops.maturity.evidence;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the verdict comes from: what the cluster shows, or what the team declared. */
public enum Source {
  OBSERVED("observed"),
  DECLARED("declared");

  private final String wire;

  Source(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }
}
