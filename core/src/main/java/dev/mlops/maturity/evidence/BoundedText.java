package dev.mlops.maturity.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds for every text that reaches a status, a report or a log: messages, references and echoed
 * user strings are cut to one line of a fixed length, so hostile input of any size gives output of a
 * bounded size (issue 19: a 10,000-schedule object or 1 MB reasons must not make a 1 MB status).
 */
public final class BoundedText {
  /** Longest message of one capability, in characters. */
  public static final int MESSAGE = 1024;
  /** Longest reference. */
  public static final int REFERENCE = 256;
  /** Most references kept per capability (the first ones; a count of the rest is appended). */
  public static final int REFERENCES = 16;

  private BoundedText() {}

  /** {@code s} on one line, cut to {@code max} characters with "..." when longer; null stays null. */
  public static String of(String s, int max) {
    if (s == null) {
      return null;
    }
    String head = s.length() > max ? s.substring(0, max) : s;
    String line = head.replace('\r', ' ').replace('\n', ' ');
    return s.length() > max ? line.substring(0, Math.max(0, max - 3)) + "..." : line;
  }

  /** The first {@link #REFERENCES} references, each bounded, plus one entry counting those left out. */
  public static List<String> references(List<String> refs) {
    List<String> out = new ArrayList<>(Math.min(refs.size(), REFERENCES + 1));
    for (int i = 0; i < refs.size() && i < REFERENCES; i++) {
      out.add(of(String.valueOf(refs.get(i)), REFERENCE));
    }
    if (refs.size() > REFERENCES) {
      out.add("... and " + (refs.size() - REFERENCES) + " more");
    }
    return out;
  }
}
