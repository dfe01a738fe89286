package dev.mlops.maturity.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The benchmark (issue 6): runs {@link BenchRunner} at every scale, judges the default scale against
 * the goals, and renders the report as a table and as JSON.
 */
public final class Bench {
  /** The size the issue sets the goals at. */
  public static final int GOAL_TARGETS = 1000;
  public static final int GOAL_OBJECTS = 20000;
  public static final double CONVERGENCE_GOAL_SECONDS = 60;
  public static final double SPEEDUP_GOAL = 10;
  public static final double DETECTION_GOAL_RATIO = 2;
  public static final double BYTES_PER_OBJECT_GOAL = 4096;
  public static final double HEAP_GOAL_MIB = 512;
  /** Growth exponent (log cost / log scale) above which growth no longer counts as linear; 2 is quadratic. */
  public static final double LINEAR_EXPONENT_LIMIT = 1.3;
  /** Issue 15: the operator against a scheduled one-shot audit, and the goals at 10x. */
  public static final double PEER_GOAL_RATIO = 10;
  public static final double TEN_X = 10;
  public static final double TEN_X_HEAP_GOAL_MIB = 1024;
  public static final double TEN_X_DETECTION_GOAL_RATIO = 1.5;

  private Bench() {}

  public static Map<String, Object> run(BenchSettings settings, List<String> command, Consumer<String> progress) throws Exception {
    return run(settings, command, progress, partial -> {});
  }

  /** As {@link #run(BenchSettings, List, Consumer)}; {@code afterScale} gets the report so far after each scale. */
  public static Map<String, Object> run(BenchSettings settings, List<String> command, Consumer<String> progress,
      Consumer<Map<String, Object>> afterScale) throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("date", Instant.now().toString());
    report.put("command", String.join(" ", command));
    report.put("machine", machine());
    report.put("settings", Map.of("targets", settings.targets(), "objects", settings.objects(), "scales", settings.scales(),
        "latencySamples", settings.latencySamples(), "idleSeconds", settings.idle().toSeconds(),
        "naiveBudgetSeconds", settings.naiveBudget().toSeconds(), "reconcileThreads", settings.reconcileThreads()));
    BenchRunner runner = new BenchRunner(settings, progress);
    List<Map<String, Object>> scales = new ArrayList<>();
    for (double scale : settings.scales()) {
      scales.add(runner.run(scale));
      report.put("scales", scales);
      afterScale.accept(report);
    }
    report.put("scales", scales);
    Map<String, Object> reference = scales.stream().filter(s -> (double) s.get("scale") == 1.0).findFirst()
        .orElse(scales.get(scales.size() - 1));
    report.put("scaling", scaling(scales));
    List<Map<String, Object>> goals = goals(reference, scales, report);
    goals.addAll(GoalsAtScale.peerAndScale(reference, scales));
    report.put("goals", goals);
    long targets = ((Number) reference.get("targets")).longValue();
    if (targets < GOAL_TARGETS) {
      report.put("goalsNote", String.format(Locale.ROOT, "the goals are set at %,d targets / %,d objects and this run's reference scale has %,d targets: "
          + "at small sizes fixed costs (start-up, the mock server's fan-out) dominate, so a miss here says little", GOAL_TARGETS,
          GOAL_OBJECTS, targets));
    }
    return report;
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("javaVersion", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    try {
      String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
      m.put("memTotal", mem.replaceAll("\\s+", " "));
    } catch (IOException | RuntimeException e) {
      m.put("memTotal", "unknown");
    }
    return m;
  }

  /** Growth exponents between the smallest and largest scale: ~1 linear, ~2 quadratic. */
  static Map<String, Object> scaling(List<Map<String, Object>> scales) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (scales.size() < 2) {
      out.put("note", "one scale only; run with --scales 0.25,0.5,1,2 for growth exponents");
      return out;
    }
    Map<String, Object> small = scales.get(0);
    Map<String, Object> large = scales.get(scales.size() - 1);
    double sizeRatio = ((Number) large.get("targets")).doubleValue() / ((Number) small.get("targets")).doubleValue();
    out.put("sizeRatio", sizeRatio);
    out.put("convergenceExponent", exponent(num(small, "convergence.seconds"), num(large, "convergence.seconds"), sizeRatio));
    out.put("allTargetsEvaluationExponent", exponent(num(small, "evaluation.allTargetsMs"), num(large, "evaluation.allTargetsMs"), sizeRatio));
    out.put("perTargetEvaluationP50Exponent",
        exponent(num(small, "evaluation.perTargetMs.p50"), num(large, "evaluation.perTargetMs.p50"), sizeRatio));
    out.put("heapExponent", exponent(num(small, "memory.heapMiB"), num(large, "memory.heapMiB"), sizeRatio));
    out.put("naiveExponent", exponent(num(small, "naive.extrapolatedSeconds"), num(large, "naive.extrapolatedSeconds"), sizeRatio));
    out.put("restartExponent", exponent(num(small, "restart.secondsToAllEvaluated"), num(large, "restart.secondsToAllEvaluated"), sizeRatio));
    out.put("auditRunExponent", exponent(num(small, "peer.audit.runMs.mean"), num(large, "peer.audit.runMs.mean"), sizeRatio));
    out.put("largestPagedResponseExponent", exponent(num(small, "initialSync.largestResponseBytesPaged"),
        num(large, "initialSync.largestResponseBytesPaged"), sizeRatio));
    out.put("note", "exponent e in cost ~ size^e, both targets and objects scaled together: 1 = linear in size, 2 = quadratic"
        + " (linear in targets x objects)");
    return out;
  }

  static double exponent(double a, double b, double ratio) {
    return Math.log(b / a) / Math.log(ratio);
  }

  static List<Map<String, Object>> goals(Map<String, Object> ref, List<Map<String, Object>> scales, Map<String, Object> report) {
    List<Map<String, Object>> g = new ArrayList<>();
    String at = " (at " + ref.get("targets") + " targets / " + ref.get("objects") + " objects)";
    double conv = num(ref, "convergence.seconds");
    boolean converged = Boolean.TRUE.equals(get(ref, "convergence.converged"));
    g.add(goal("convergence under 60 s" + at, String.format("%.1f s", conv), converged && conv < CONVERGENCE_GOAL_SECONDS));
    double speedup = num(ref, "convergenceSpeedup");
    g.add(goal(">= 10x faster than the naive baseline" + at, String.format("%.1fx", speedup), converged && speedup >= SPEEDUP_GOAL));
    double metricRatio = num(ref, "detection.metricP99OverFloorP99");
    double statusRatio = num(ref, "detection.statusP99OverFloorP99");
    g.add(goal("detection p99 (metric) within 2x the bare-informer floor", String.format("%.2fx", metricRatio),
        metricRatio <= DETECTION_GOAL_RATIO));
    g.add(goal("detection p99 (status, seen through a watch) within 2x the bare-informer floor", String.format("%.2fx", statusRatio),
        statusRatio <= DETECTION_GOAL_RATIO));
    boolean idleOk = scales.stream().allMatch(s -> num(s, "idle.listsPerMinute") == 0 && num(s, "idle.writesPerMinute") == 0);
    g.add(goal("zero LISTs and zero writes per minute when idle (every scale)", idleSummary(scales), idleOk));
    double perObject = num(ref, "memory.bytesPerCachedObject");
    double held = num(ref, "memory.cachePruned.cachedObjects");
    double released = num(ref, "memory.cachePruned.releasedObjects");
    String perObjectGoal = "<= 4 KB heap per cached object with pruning (the cached objects themselves)";
    if (released == held) {
      g.add(goal(perObjectGoal, String.format("%.0f B", perObject), perObject <= BYTES_PER_OBJECT_GOAL));
    } else {
      // the heap difference is only the objects' size when exactly the held objects were freed
      g.add(goal(perObjectGoal, String.format("%.0f B, but %.0f of %.0f objects were freed", perObject, released, held), null));
    }
    double heap = num(ref, "memory.heapMiB");
    g.add(goal("operator heap under 512 MiB" + at, String.format("%.0f MiB", heap), heap < HEAP_GOAL_MIB));
    @SuppressWarnings("unchecked")
    Map<String, Object> scaling = (Map<String, Object>) report.get("scaling");
    if (scaling.containsKey("convergenceExponent")) {
      double ce = ((Number) scaling.get("convergenceExponent")).doubleValue();
      double ee = ((Number) scaling.get("allTargetsEvaluationExponent")).doubleValue();
      double he = ((Number) scaling.get("heapExponent")).doubleValue();
      g.add(goal("linear growth (exponent <= " + LINEAR_EXPONENT_LIMIT + "; quadratic is 2)",
          String.format("convergence %.2f, evaluation %.2f, heap %.2f", ce, ee, he),
          ce <= LINEAR_EXPONENT_LIMIT && ee <= LINEAR_EXPONENT_LIMIT && he <= LINEAR_EXPONENT_LIMIT));
    } else {
      g.add(goal("linear growth", "not measured (one scale)", null));
    }
    return g;
  }

  private static String idleSummary(List<Map<String, Object>> scales) {
    StringBuilder b = new StringBuilder();
    for (Map<String, Object> s : scales) {
      b.append(b.length() == 0 ? "" : "; ").append(String.format("%s: %.0f LIST, %.0f writes", s.get("scale"),
          num(s, "idle.listsPerMinute"), num(s, "idle.writesPerMinute")));
    }
    return b.toString();
  }

  static Map<String, Object> goal(String goal, String value, Boolean met) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("goal", goal);
    m.put("value", value);
    m.put("status", met == null ? "not measured" : met ? "met" : "missed");
    return m;
  }

  @SuppressWarnings("unchecked")
  static Object get(Map<String, Object> map, String path) {
    Object cur = map;
    for (String part : path.split("\\.")) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(part);
      } else if (cur instanceof Stats s) {
        cur = switch (part) {
          case "p50" -> s.p50();
          case "p99" -> s.p99();
          case "max" -> s.max();
          case "mean" -> s.mean();
          default -> s.count();
        };
      } else {
        return null;
      }
    }
    return cur;
  }

  static double num(Map<String, Object> map, String path) {
    Object v = get(map, path);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  public static String json(Map<String, Object> report) {
    try {
      return Serialization.jsonMapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The human-readable tables: per-scale results, then goals. */
  @SuppressWarnings("unchecked")
  public static String table(Map<String, Object> report) {
    List<Map<String, Object>> scales = (List<Map<String, Object>>) report.get("scales");
    StringBuilder b = new StringBuilder();
    String[][] rows = {
        {"targets", "targets"}, {"objects", "objects"},
        {"convergence (s)", "convergence.seconds"}, {"naive baseline (s)", "naive.extrapolatedSeconds"},
        {"speedup vs naive (x)", "convergenceSpeedup"},
        {"detection status p50 (ms)", "detection.statusMs.p50"}, {"detection status p99 (ms)", "detection.statusMs.p99"},
        {"detection metric p50 (ms)", "detection.metricMs.p50"}, {"detection metric p99 (ms)", "detection.metricMs.p99"},
        {"floor informer p50 (ms)", "detection.floorMs.p50"}, {"floor informer p99 (ms)", "detection.floorMs.p99"},
        {"metric p99 / floor p99", "detection.metricP99OverFloorP99"}, {"status p99 / floor p99", "detection.statusP99OverFloorP99"},
        {"idle requests/min", "idle.requestsPerMinute"}, {"idle LISTs/min", "idle.listsPerMinute"},
        {"idle writes/min", "idle.writesPerMinute"},
        {"cached objects", "memory.cachedObjects"}, {"operator heap (MiB)", "memory.heapMiB"},
        {"cached objects, pruned (MiB)", "memory.cachePruned.objectsHeapMiB"}, {"cache B/object, pruned", "memory.bytesPerCachedObject"},
        {"  objects freed, pruned", "memory.cachePruned.releasedObjects"},
        {"cached objects, unpruned (MiB)", "memory.cacheUnpruned.objectsHeapMiB"}, {"cache B/object, unpruned", "memory.unprunedBytesPerCachedObject"},
        {"eval/target p50 (ms)", "evaluation.perTargetMs.p50"}, {"eval/target p99 (ms)", "evaluation.perTargetMs.p99"},
        {"eval all targets (ms)", "evaluation.allTargetsMs"},
        {"largest response, paged (B)", "initialSync.largestResponseBytesPaged"},
        {"largest response, unpaged (B)", "initialSync.largestResponseBytesUnpaged"},
        {"audit run (s, mean)", "peer.audit.runMs.mean", "1e-3"},
        {"audit requests/h (N min)", "peer.audit.requestsPerHour"}, {"operator requests/h", "peer.operator.requestsPerHour"},
        {"  audit / operator (x)", "peer.auditOverOperator.requests"},
        {"audit MB/h (N min)", "peer.audit.bytesPerHour", "1e-6"}, {"operator MB/h", "peer.operator.bytesPerHour", "1e-6"},
        {"  audit / operator (x)", "peer.auditOverOperator.bytes"},
        {"audit CPU-s/h (N min)", "peer.audit.cpuSecondsPerHour"}, {"operator CPU-s/h (bound)", "peer.operator.cpuSecondsPerHour"},
        {"  audit / operator (x)", "peer.auditOverOperator.cpu"},
        {"audit detection mean (s)", "peer.audit.detectionMs.mean", "1e-3"}, {"operator detection mean (s)", "peer.operator.detectionMs.mean", "1e-3"},
        {"  audit / operator (x)", "peer.auditOverOperator.detectionMean"},
        {"restart: all evaluated (s)", "restart.secondsToAllEvaluated"}, {"restart: status writes", "restart.statusWrites"},
    };
    b.append(String.format("| %-28s |", "scale"));
    scales.forEach(s -> b.append(String.format(" %10s |", s.get("scale") + "x")));
    b.append('\n').append("|").append("-".repeat(30)).append("|");
    scales.forEach(s -> b.append("-".repeat(12)).append("|"));
    b.append('\n');
    for (String[] row : rows) {
      b.append(String.format("| %-28s |", row[0]));
      for (Map<String, Object> s : scales) {
        double v = num(s, row[1]) * (row.length > 2 ? Double.parseDouble(row[2]) : 1);
        b.append(String.format(" %10s |", Double.isNaN(v) ? "-" : v == Math.rint(v) && Math.abs(v) < 1e9 ? String.format("%.0f", v)
            : Math.abs(v) >= 100 ? String.format("%.0f", v) : String.format("%.2f", v)));
      }
      b.append('\n');
    }
    b.append('\n');
    b.append(String.format("| %-78s | %-40s | %-7s |%n", "goal", "value", "status"));
    b.append("|").append("-".repeat(80)).append("|").append("-".repeat(42)).append("|").append("-".repeat(9)).append("|\n");
    for (Map<String, Object> g : (List<Map<String, Object>>) report.get("goals")) {
      b.append(String.format("| %-78s | %-40s | %-7s |%n", g.get("goal"), g.get("value"), g.get("status")));
    }
    if (report.containsKey("goalsNote")) {
      b.append("note: ").append(report.get("goalsNote")).append('\n');
    }
    Map<String, Object> scaling = (Map<String, Object>) report.get("scaling");
    b.append('\n').append("scaling: ").append(scaling).append('\n');
    return b.toString();
  }
}
