package dev.mlops.maturity.bench;

import static dev.mlops.maturity.bench.Bench.goal;
import static dev.mlops.maturity.bench.Bench.num;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Issue 15's goals: against a scheduled audit (at the reference scale), at 10x (or the largest scale run), restarts and paging. */
final class GoalsAtScale {
  private GoalsAtScale() {}

  static List<Map<String, Object>> peerAndScale(Map<String, Object> ref, List<Map<String, Object>> scales) {
    List<Map<String, Object>> g = new ArrayList<>();
    Object minutes = ((Map<?, ?>) ref.getOrDefault("peer", Map.of())).get("periodMinutes");
    String peer = " than `assess -A` every " + (minutes == null ? "?" : String.format("%.0f", ((Number) minutes).doubleValue())) + " min";
    double bytes = num(ref, "peer.auditOverOperator.bytes");
    g.add(goal(">= 10x fewer bytes read per hour" + peer, String.format("%.0fx", bytes), measured(bytes) ? bytes >= Bench.PEER_GOAL_RATIO : null));
    double detection = num(ref, "peer.auditOverOperator.detectionMean");
    g.add(goal(">= 10x faster detection (mean)" + peer, String.format("%.0fx", detection),
        measured(detection) ? detection >= Bench.PEER_GOAL_RATIO : null));

    Map<String, Object> big = scales.stream().filter(s -> num(s, "scale") == Bench.TEN_X).findFirst().orElse(scales.get(scales.size() - 1));
    String at = " at " + (num(big, "scale") == Bench.TEN_X ? "10x" : big.get("scale") + "x (10x not run)") + " (" + big.get("targets")
        + " targets / " + big.get("objects") + " objects)";
    double conv = num(big, "convergence.seconds");
    g.add(goal("convergence under 60 s" + at, String.format("%.1f s", conv),
        Boolean.TRUE.equals(Bench.get(big, "convergence.converged")) && conv < Bench.CONVERGENCE_GOAL_SECONDS));
    double heap = num(big, "memory.heapMiB");
    g.add(goal("operator heap under 1 GiB" + at, String.format("%.0f MiB", heap), heap < Bench.TEN_X_HEAP_GOAL_MIB));
    double ratio = num(big, "detection.statusP99OverFloorP99");
    g.add(goal("detection p99 (status) within 1.5x the bare-informer floor" + at, String.format("%.2fx", ratio),
        measured(ratio) ? ratio <= Bench.TEN_X_DETECTION_GOAL_RATIO : null));
    double idle = num(big, "idle.requestsPerMinute");
    g.add(goal("0 requests per minute when idle" + at, String.format("%.1f/min", idle), idle == 0));
    double paged = num(big, "initialSync.largestResponseBytesPaged");
    double unpaged = num(big, "initialSync.largestResponseBytesUnpaged");
    g.add(goal("initial sync in pages of 500: largest single response" + at, String.format("%,.0f B (unpaged %,.0f B)", paged, unpaged),
        measured(paged) && measured(unpaged) ? paged < unpaged : null));
    boolean restartQuiet = scales.stream().allMatch(s -> num(s, "restart.statusWrites") == 0);
    StringBuilder writes = new StringBuilder();
    scales.forEach(s -> writes.append(writes.length() == 0 ? "" : "; ").append(s.get("scale")).append("x: ")
        .append(String.format("%.0f writes, %.1f s", num(s, "restart.statusWrites"), num(s, "restart.secondsToAllEvaluated"))));
    g.add(goal("0 status writes after a restart when nothing changed (every scale)", writes.toString(), restartQuiet));
    return g;
  }

  private static boolean measured(double v) {
    return !Double.isNaN(v) && !Double.isInfinite(v);
  }
}
