package dev.mlops.maturity.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging part of a GET's query: {@code limit}, {@code continue}, {@code watch}; and the path
 * without {@code limit}/{@code continue}, which selects the same objects.
 */
record ListRequest(String pathWithoutPaging, int limit, String continueToken, boolean watch) {

  static ListRequest parse(String path) {
    int q = path.indexOf('?');
    if (q < 0) {
      return new ListRequest(path, 0, null, false);
    }
    List<String> kept = new ArrayList<>();
    int limit = 0;
    String token = null;
    boolean watch = false;
    for (String param : path.substring(q + 1).split("&")) {
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
      switch (name) {
        case "limit" -> limit = parseLimit(value);
        case "continue" -> token = value.isEmpty() ? null : value;
        default -> {
          watch |= name.equals("watch") && (value.equals("true") || value.equals("1"));
          kept.add(param);
        }
      }
    }
    String base = path.substring(0, q);
    return new ListRequest(kept.isEmpty() ? base : base + "?" + String.join("&", kept), limit, token, watch);
  }

  /** A limit that is not a positive number means no limit, as on the API server. */
  private static int parseLimit(String value) {
    try {
      long l = Long.parseLong(value);
      return l <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, l);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
