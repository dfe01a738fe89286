package dev.mlops.maturity.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chunked LISTs the way the API server answers {@code limit}/{@code continue}: the first page takes a
 * snapshot of the matching objects (their JSON, shared with the store, not copied), later pages
 * continue from it, so every page of one LIST is consistent and carries the snapshot's
 * resourceVersion. A continue token that is unknown (finished, evicted, never issued) gets
 * 410 Gone "Expired", as a real API server does once a token's snapshot is compacted away.
 */
final class ListPages {
  /** Unfinished LISTs kept at once; the oldest is dropped beyond it (its client gets 410 and re-lists). */
  private static final int MAX_OPEN = 64;

  private record Snapshot(List<String> items, String resourceVersion) {}

  /** One page: its items, the token for the next page (null on the last) and how many items follow it. */
  record Page(List<String> items, String resourceVersion, String continueToken, long remaining) {
    String json() {
      StringBuilder b = new StringBuilder(64 + items.stream().mapToInt(String::length).sum() + items.size());
      b.append("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
      for (int i = 0; i < items.size(); i++) {
        b.append(i == 0 ? "" : ",").append(items.get(i));
      }
      b.append("],\"metadata\":{\"resourceVersion\":\"").append(resourceVersion).append('"');
      if (continueToken != null) {
        b.append(",\"continue\":\"").append(continueToken).append("\",\"remainingItemCount\":").append(remaining);
      }
      return b.append("}}").toString();
    }
  }

  private final Map<String, Snapshot> open = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** The first page of a new LIST over {@code items} (the caller's snapshot of the store). */
  synchronized Page first(List<String> items, String resourceVersion, int limit) {
    Snapshot s = new Snapshot(List.copyOf(items), resourceVersion);
    String id = Long.toString(ids.incrementAndGet());
    return page(id, s, 0, limit);
  }

  /** The page a continue token points to, or empty when the token is not (or no longer) known. */
  synchronized Optional<Page> next(String token, int limit) {
    int colon = token.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String id = token.substring(0, colon);
    Snapshot s = open.get(id);
    int offset;
    try {
      offset = Integer.parseInt(token.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (s == null || offset < 0 || offset > s.items().size()) {
      return Optional.empty();
    }
    return Optional.of(page(id, s, offset, limit));
  }

  private Page page(String id, Snapshot s, int offset, int limit) {
    int end = limit <= 0 ? s.items().size() : (int) Math.min(s.items().size(), (long) offset + limit);
    List<String> items = new ArrayList<>(s.items().subList(offset, end));
    if (end >= s.items().size()) {
      open.remove(id);
      return new Page(items, s.resourceVersion(), null, 0);
    }
    open.put(id, s);
    if (open.size() > MAX_OPEN) {
      Iterator<String> oldest = open.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return new Page(items, s.resourceVersion(), id + ":" + end, s.items().size() - end);
  }

  /** The 410 body for an expired continue token, as the API server words it. */
  static String expired() {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"The provided continue parameter"
        + " is too old to display a consistent list result. You can start a new list without the continue parameter.\","
        + "\"reason\":\"Expired\",\"code\":410}";
  }
}
