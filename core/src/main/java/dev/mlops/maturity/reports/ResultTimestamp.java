package dev.mlops.maturity.reports;

import java.time.Instant;

/** A result's time, as the Report schema has it (a protobuf Timestamp: seconds and nanos, both required). */
public record ResultTimestamp(long seconds, int nanos) {
  public static ResultTimestamp of(Instant instant) {
    return new ResultTimestamp(instant.getEpochSecond(), instant.getNano());
  }
}
