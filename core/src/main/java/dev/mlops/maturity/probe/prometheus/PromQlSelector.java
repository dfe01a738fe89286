package dev.mlops.maturity.probe.prometheus;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The label matchers of a PromQL expression ({@code label op "value"}), read by a single left-to-right
 * scan without regular expressions: the expression comes from cluster objects any team may write, so
 * its cost must stay linear in its length (issue 19). Regex matcher values are evaluated with RE2/J,
 * which never backtracks.
 */
public final class PromQlSelector {
  /** One matcher: {@code op} is one of {@code = != =~ !~}; {@code value} is the unescaped string. */
  public record Matcher(String label, String op, String value) {}

  /** Expressions longer than this are read only up to here (a rule body is far shorter in practice). */
  static final int MAX_EXPRESSION = 64 * 1024;

  private final List<Matcher> matchers;

  private PromQlSelector(List<Matcher> matchers) {
    this.matchers = List.copyOf(matchers);
  }

  public static PromQlSelector parse(String expr) {
    String s = expr == null ? "" : expr.length() > MAX_EXPRESSION ? expr.substring(0, MAX_EXPRESSION) : expr;
    List<Matcher> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (identStart(c) && (i == 0 || !identPart(s.charAt(i - 1)))) {
        int end = i + 1;
        while (end < s.length() && identPart(s.charAt(end))) {
          end++;
        }
        int next = matcher(s, i, end, out);
        i = next > 0 ? next : end;
      } else if (c == '"' || c == '\'' || c == '`') {
        i = skipString(s, i);
      } else {
        i++;
      }
    }
    return new PromQlSelector(out);
  }

  public List<Matcher> matchers() {
    return matchers;
  }

  /**
   * Whether a matcher on a label ending in {@code namespace} selects {@code namespace}: equality, or
   * a regex matcher that fully matches it (PromQL regexes are anchored).
   */
  public boolean selectsNamespace(String namespace) {
    for (Matcher m : matchers) {
      if (!m.label().endsWith("namespace")) {
        continue;
      }
      if ("=".equals(m.op()) && m.value().equals(namespace)) {
        return true;
      }
      if ("=~".equals(m.op()) && fullMatch(m.value(), namespace)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code word} occurs in {@code text} with no letter, digit or underscore on either side. */
  public static boolean mentionsWord(String text, String word) {
    if (text == null || word == null || word.isEmpty()) {
      return false;
    }
    int from = 0;
    while (true) {
      int at = text.indexOf(word, from);
      if (at < 0) {
        return false;
      }
      int after = at + word.length();
      boolean before = at == 0 || !wordChar(text.charAt(at - 1));
      boolean behind = after >= text.length() || !wordChar(text.charAt(after));
      if (before && behind) {
        return true;
      }
      from = at + 1;
    }
  }

  /** A full match of {@code regex} against {@code value} in linear time; an invalid regex matches nothing. */
  public static boolean fullMatch(String regex, String value) {
    try {
      return Pattern.compile(regex).matches(value);
    } catch (RuntimeException e) {
      return false;
    }
  }

  // after an identifier [start, end): optional spaces, an operator, optional spaces, a quoted string
  private static int matcher(String s, int start, int end, List<Matcher> out) {
    int i = skipSpaces(s, end);
    String op;
    if (s.startsWith("=~", i) || s.startsWith("!~", i) || s.startsWith("!=", i)) {
      op = s.substring(i, i + 2);
    } else if (s.startsWith("=", i) && !s.startsWith("==", i)) {
      op = "=";
    } else {
      return -1;
    }
    i = skipSpaces(s, i + op.length());
    if (i >= s.length() || (s.charAt(i) != '"' && s.charAt(i) != '\'' && s.charAt(i) != '`')) {
      return -1;
    }
    int close = skipString(s, i);
    if (close > s.length() || s.charAt(close - 1) != s.charAt(i) || close - 1 == i) {
      return -1;
    }
    out.add(new Matcher(s.substring(start, end), op, unescape(s.substring(i + 1, close - 1), s.charAt(i))));
    return close;
  }

  // index just after the closing quote of the string opening at i (or s.length() when unterminated)
  private static int skipString(String s, int i) {
    char quote = s.charAt(i);
    int j = i + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '\\' && quote != '`') {
        j += 2;
        continue;
      }
      if (c == quote) {
        return j + 1;
      }
      j++;
    }
    return s.length() + 1;
  }

  private static String unescape(String raw, char quote) {
    if (quote == '`' || raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder b = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char n = raw.charAt(++i);
        switch (n) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case '\\', '"', '\'' -> b.append(n);
          default -> b.append('\\').append(n);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean identStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean identPart(char c) {
    return identStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean wordChar(char c) {
    return identPart(c);
  }
}
