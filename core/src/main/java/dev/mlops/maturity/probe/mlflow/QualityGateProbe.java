package dev.mlops.maturity.probe.mlflow;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.mlflow.MlflowApi.ModelVersion;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;

/**
 * quality-gate (PROBES.md b.12), offline champion/challenger: the champion version records a passed
 * gate whose candidate score strictly beats the previous champion's on the same (fixed) test set.
 * Online gates (Rollouts / Flagger analysis) are counted by the serving probes.
 */
public final class QualityGateProbe extends AbstractProbe {
  public static final String CAPABILITY = "quality-gate";
  public static final String RESULT = "mlops.gate.result";
  public static final String METRIC = "mlops.gate.metric";
  static final String DIRECTION = "mlops.gate.direction";
  public static final String CANDIDATE = "mlops.gate.candidate";
  public static final String CHAMPION = "mlops.gate.champion";
  static final String TEST_SET = "mlops.gate.test_set_digest";
  private static final Pattern METRIC_NAME = Pattern.compile("^[A-Za-z0-9_.:/-]{1,40}$");

  public QualityGateProbe() {
    super(CAPABILITY, Set.of());
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    TargetRegistry registry = TargetRegistry.open(ctx, scan);
    if (registry == null) {
      return scan.verdict("", "");
    }
    String alias = registry.championAlias();
    Answer<ModelVersion> champion = registry.api().alias(registry.model(), alias);
    if (champion instanceof Answer.NotFound<ModelVersion>) {
      return scan.refute("no version of " + registry.model() + " carries the alias '" + alias + "'", List.of()).verdict("", "");
    }
    if (!(champion instanceof Answer.Ok<ModelVersion> found)) {
      return TargetRegistry.failed(scan, "registered-models/alias", champion);
    }
    ModelVersion v = found.value();
    List<String> refs = List.of(registry.aliasRef(v));
    Map<String, String> tags = v.tags() == null ? Map.of() : v.tags();
    String who = "champion version " + TargetRegistry.id(v.version());
    String result = tags.get(RESULT);
    if (TargetRegistry.blank(result)) {
      return scan.refute(who + " records no gate result (tag " + RESULT + ")", refs).verdict("", "");
    }
    if (!"passed".equalsIgnoreCase(result.trim())) {
      return scan.refute(who + " did not pass the gate (" + RESULT + " is not 'passed')", refs).verdict("", "");
    }
    String direction = Optional.ofNullable(tags.get(DIRECTION)).map(d -> d.trim().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).orElse("max");
    if (!direction.equals("max") && !direction.equals("min")) {
      return scan.refute(who + " has an unknown " + DIRECTION + " (expected max or min)", refs).verdict("", "");
    }
    Optional<Double> candidate = score(tags.get(CANDIDATE));
    Optional<Double> previous = score(tags.get(CHAMPION));
    if (candidate.isEmpty() || previous.isEmpty()) {
      return scan.refute(who + " lacks a numeric " + (candidate.isEmpty() ? CANDIDATE : CHAMPION) + " tag", refs).verdict("", "");
    }
    double c = candidate.get();
    double p = previous.get();
    String metric = Optional.ofNullable(tags.get(METRIC)).map(String::trim).filter(m -> METRIC_NAME.matcher(m).matches()).orElse("score");
    boolean better = direction.equals("max") ? c > p : c < p;
    String comparison = metric + " " + plain(c) + (direction.equals("max") ? " > " : " < ") + plain(p);
    if (!better) {
      return scan.refute(who + ": candidate " + metric + " " + plain(c) + " does not strictly beat the champion's " + plain(p)
          + " (direction " + direction + ")", refs).verdict("", "");
    }
    String digest = tags.get(TEST_SET);
    if (TargetRegistry.blank(digest)) {
      return scan.refute(who + " records no test set (tag " + TEST_SET + ")", refs).verdict("", "");
    }
    // Fixed test set: the same digest as the previous version that passed the gate (search results carry tags).
    Answer<List<ModelVersion>> versions = registry.api().modelVersions(registry.model());
    if (versions instanceof Answer.Failed<List<ModelVersion>>) {
      return TargetRegistry.failed(scan, "model-versions/search", versions);
    }
    List<ModelVersion> all = versions instanceof Answer.Ok<List<ModelVersion>> listed ? listed.value() : List.of();
    Optional<ModelVersion> earlier = previousGated(all, v);
    if (earlier.isPresent()) {
      ModelVersion e = earlier.get();
      if (!digest.trim().equals(e.tags().get(TEST_SET).trim())) {
        return scan.refute("test set changed: " + who + " was gated on a different " + TEST_SET + " than version "
            + TargetRegistry.id(e.version()), List.of(registry.aliasRef(v), registry.versionRef("model-versions/search", e)))
            .verdict("", "");
      }
      return scan.found(List.of(registry.aliasRef(v), registry.versionRef("model-versions/search", e)))
          .verdict(who + " (alias '" + alias + "') passed the gate: " + comparison + " on the same test set as version "
          + TargetRegistry.id(e.version()), "");
    }
    return scan.found(refs)
        .verdict(who + " (alias '" + alias + "') passed the gate: " + comparison + " on a recorded test set (first gated version)", "");
  }

  /** The newest version older than {@code champion} that passed the gate and recorded its test set. */
  static Optional<ModelVersion> previousGated(List<ModelVersion> versions, ModelVersion champion) {
    long number = HttpMlflowApi.versionNumber(champion.version());
    return versions.stream()
        .filter(x -> x.version() != null && !x.version().equals(champion.version()))
        .filter(x -> number == Long.MIN_VALUE
            ? x.creationTimestamp() != null && champion.creationTimestamp() != null && x.creationTimestamp() < champion.creationTimestamp()
            : HttpMlflowApi.versionNumber(x.version()) < number && HttpMlflowApi.versionNumber(x.version()) != Long.MIN_VALUE)
        .filter(x -> x.tags() != null && "passed".equalsIgnoreCase(String.valueOf(x.tags().get(RESULT)).trim()) && !TargetRegistry.blank(x.tags().get(TEST_SET)))
        .max(Comparator.comparingLong((ModelVersion x) -> HttpMlflowApi.versionNumber(x.version()))
            .thenComparingLong(x -> x.creationTimestamp() == null ? Long.MIN_VALUE : x.creationTimestamp()));
  }

  private static Optional<Double> score(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(text.trim());
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
