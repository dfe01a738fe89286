package dev.mlops.maturity.helm;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the operator really exports: a scrape of {@code /metrics} of the real operator
 * ({@link RenderedOperatorRun}: started with the rendered chart configuration against the mock API
 * server, after its target's first evaluation). Alerts and dashboards may name only these.
 */
final class ExportedMetrics {
  static final String PREFIX = "mlops_maturity_";
  /** Series Prometheus itself writes for every scrape target. */
  static final Set<String> SCRAPE_SERIES = Set.of("up");
  private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

  private ExportedMetrics() {}

  /** Every series name in the scrape (histograms as _bucket, _count and _sum), plus what Prometheus adds. */
  static Set<String> queryable() {
    Set<String> names = new TreeSet<>(sampleNames(RenderedOperatorRun.converged().metrics()));
    names.addAll(SCRAPE_SERIES);
    return names;
  }

  /** The operator's own series names, without the series of its histograms. */
  static Set<String> ownGaugesAndCounters() {
    String text = RenderedOperatorRun.converged().metrics();
    Map<String, String> families = families(text);
    Set<String> out = new TreeSet<>();
    for (String name : sampleNames(text)) {
      if (name.startsWith(PREFIX) && !isHistogramSeries(name, families)) {
        out.add(name);
      }
    }
    return out;
  }

  /** The operator's own histograms (family names). */
  static Set<String> ownHistograms() {
    Set<String> out = new TreeSet<>();
    families(RenderedOperatorRun.converged().metrics()).forEach((name, type) -> {
      if (name.startsWith(PREFIX) && type.equals("histogram")) {
        out.add(name);
      }
    });
    return out;
  }

  static Set<String> sampleNames(String exposition) {
    Set<String> names = new LinkedHashSet<>();
    for (String line : exposition.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Metric family name to type, from the # TYPE lines. */
  static Map<String, String> families(String exposition) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : exposition.split("\n")) {
      Matcher m = TYPE.matcher(line);
      if (m.matches()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }

  /** A histogram's _bucket/_count/_sum series, and the _max gauge Micrometer adds next to a timer histogram. */
  private static boolean isHistogramSeries(String name, Map<String, String> families) {
    for (Map.Entry<String, String> f : families.entrySet()) {
      if (f.getValue().equals("histogram")
          && (name.equals(f.getKey() + "_bucket") || name.equals(f.getKey() + "_count") || name.equals(f.getKey() + "_sum"))) {
        return true;
      }
    }
    return name.endsWith("_max") && "histogram".equals(families.get(name.substring(0, name.length() - "_max".length())));
  }
}
