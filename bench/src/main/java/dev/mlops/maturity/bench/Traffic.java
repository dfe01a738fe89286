package dev.mlops.maturity.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one client (one bearer token, as the API server's audit log names a user) asked the API
 * server for: requests and response bytes by verb, watch-event bytes, and the largest single response.
 */
public final class Traffic {
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();
  private final LongAccumulator largest = new LongAccumulator(Math::max, 0);
  private final LongAdder statusWrites = new LongAdder();

  void statusWrite() {
    statusWrites.increment();
  }

  void request(String verb) {
    requests.computeIfAbsent(verb, v -> new LongAdder()).increment();
  }

  /** A response body (or, for WATCH, one event sent on the watch's web socket). */
  void bytes(String verb, long n) {
    bytes.computeIfAbsent(verb, v -> new LongAdder()).add(n);
    if (!"WATCH".equals(verb)) {
      largest.accumulate(n);
    }
  }

  /** A copy of the figures so far. */
  public Snapshot snapshot() {
    return new Snapshot(copy(requests), copy(bytes), largest.get(), statusWrites.sum());
  }

  private static Map<String, Long> copy(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * @param largestResponse the largest single response body so far (watch events not counted: each is one object)
   * @param statusWrites writes to a status subresource (PUT or PATCH .../status)
   */
  public record Snapshot(Map<String, Long> requests, Map<String, Long> bytes, long largestResponse, long statusWrites) {
    public static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), 0, 0);

    public long totalRequests() {
      return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBytes() {
      return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What happened between {@code before} and this snapshot (the largest response is this one's: a maximum has no difference). */
    public Snapshot minus(Snapshot before) {
      return new Snapshot(ApiServer.diff(requests, before.requests), ApiServer.diff(bytes, before.bytes), largestResponse,
          statusWrites - before.statusWrites);
    }
  }
}
