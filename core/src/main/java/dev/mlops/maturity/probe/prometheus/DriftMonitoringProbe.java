package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Exercise;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.AlertRule;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.Sample;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code drift-monitoring} (PROBES.md b.9): a drift detector computes on live traffic. Satisfied by any of:
 * a bound Seldon {@code Model} whose {@code spec.requirements} contain {@code alibi-detect}; a bound KServe
 * InferenceService that logs payloads ({@code spec.predictor.logger.url} set); or a fresh drift series in the
 * target namespace in Prometheus ({@link #driftSeriesQuery}; an instant query only sees series with a sample
 * in the last lookback period, 5 minutes by default). The common provider rule decides the rest. When
 * satisfied, the newest evaluation of a healthy drift alert of the namespace is when it was last exercised.
 */
public final class DriftMonitoringProbe extends AbstractProbe {
  public static final String CAPABILITY = "drift-monitoring";

  public DriftMonitoringProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.SELDON_MODEL, KindCatalogue.INFERENCE_SERVICE));
  }

  /** The drift series of a namespace, one result per metric name. */
  public static String driftSeriesQuery(String namespace) {
    return "count by (__name__) ({__name__=~\"(?i).*drift.*\", namespace=" + MonitorSelection.promqlString(namespace) + "})";
  }

  /**
   * When Prometheus last evaluated a healthy drift alert of the namespace: a loaded alerting rule
   * ({@code /api/v1/rules}) with health {@code ok} whose query mentions drift and selects the namespace,
   * at its {@code lastEvaluation}. A rule that fails to evaluate ({@code err}) does not count.
   */
  static Exercise driftAlertEvaluated(ProbeContext ctx, String endpoint) {
    Answer<List<AlertRule>> rules = AlertingProbe.alertRules(ctx, endpoint);
    if (!(rules instanceof Answer.Ok<List<AlertRule>> ok)) {
      return Exercise.unknown("drift alert rules cannot be read: " + ((Answer.Failed<List<AlertRule>>) rules).reason());
    }
    Exercise newest = Exercise.never();
    for (AlertRule r : ok.value()) {
      if ("ok".equals(r.health()) && r.query() != null && r.query().toLowerCase(Locale.ROOT).contains("drift")
          && PromQlSelector.parse(r.query()).selectsNamespace(ctx.target().namespace())) {
        Optional<Instant> at = Fields.instant(r.lastEvaluation());
        if (at.isPresent()) {
          newest = newest.newest(Exercise.at(at.get(), "prometheus " + endpoint + " rules " + (r.group() == null ? "" : r.group() + "/")
              + r.name()));
        }
      }
    }
    return newest;
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    List<String> shown = new java.util.ArrayList<>();
    for (GenericKubernetesResource m : scan.read(ctx.bound(KindCatalogue.SELDON_MODEL))) {
      boolean detector = Fields.list(m, "spec", "requirements").stream().map(String::valueOf).anyMatch(r -> r.startsWith("alibi-detect"));
      if (detector) {
        scan.found(ProbeContext.ref(m));
        shown.add("alibi-detect Model " + m.getMetadata().getName());
      } else {
        scan.seen("Seldon Model " + m.getMetadata().getName() + " has no alibi-detect requirement");
      }
    }
    for (GenericKubernetesResource isvc : scan.read(ctx.bound(KindCatalogue.INFERENCE_SERVICE))) {
      if (Fields.string(isvc, "spec", "predictor", "logger", "url").filter(u -> !u.isBlank()).isPresent()) {
        scan.found(ProbeContext.ref(isvc));
        shown.add("InferenceService " + isvc.getMetadata().getName() + " logs payloads to a detector");
      } else {
        scan.seen("InferenceService " + isvc.getMetadata().getName() + " logs no payloads to a detector");
      }
    }
    String endpoint = ctx.target().prometheusEndpoint();
    Answer<PrometheusApi> api = ctx.external().prometheus(endpoint);
    Answer<List<Sample>> series = api instanceof Answer.Ok<PrometheusApi> ok
        ? ok.value().query(driftSeriesQuery(ctx.target().namespace()))
        : Answer.failed(api instanceof Answer.Failed<PrometheusApi> f ? f.reason() : "no prometheus endpoint named '" + endpoint + "'");
    List<Sample> found = scan.read(series);
    if (found != null) {
      List<String> names = found.stream().map(s -> s.labels().get("__name__")).filter(n -> n != null && !n.isBlank()).distinct().toList();
      names.forEach(n -> scan.found("prometheus " + endpoint + " series " + n + "{namespace=\"" + ctx.target().namespace() + "\"}"));
      if (!found.isEmpty() && names.isEmpty()) {
        scan.found("prometheus " + endpoint + " drift series in namespace " + ctx.target().namespace());
      }
      if (!found.isEmpty()) {
        shown.add("fresh drift series " + (names.isEmpty() ? "" : String.join(", ", names) + " ") + "in prometheus " + endpoint);
      }
    }
    if (scan.satisfied()) {
      scan.exercised(driftAlertEvaluated(ctx, endpoint));
    }
    return scan.verdict("drift monitored: " + String.join("; ", shown), "no drift detector or fresh drift series for the workload");
  }
}
