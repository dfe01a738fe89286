package dev.mlops.maturity.whatif;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import java.util.List;

/**
 * Prometheus as a target would see it right after the plan is applied, before any scrape or rule reload: it
 * cannot yet confirm (or refute) the monitors and rules the plan adds, so its scrape targets (when the plan
 * changes a ServiceMonitor, PodMonitor or Probe the target may read) and its loaded rules (when the plan changes a
 * PrometheusRule) answer "not seen yet", and the probes fall back to the in-cluster match with a note. Queries are the live answers.
 */
final class PlannedPrometheus implements ExternalSources {
  private final ExternalSources live;
  private final boolean monitors;
  private final boolean rules;

  private PlannedPrometheus(ExternalSources live, boolean monitors, boolean rules) {
    this.live = live;
    this.monitors = monitors;
    this.rules = rules;
  }

  /** The sources for a target in {@code namespace}: {@code live} itself when the plan touches no monitoring object it may read. */
  static ExternalSources forTarget(ExternalSources live, Plan plan, String namespace) {
    boolean monitors = List.of(KindCatalogue.SERVICE_MONITOR, KindCatalogue.POD_MONITOR, KindCatalogue.BLACKBOX_PROBE).stream()
        .flatMap(k -> plan.of(k).stream())
        .anyMatch(o -> namespace.equals(o.namespace()) || Fields.map(o.object(), "spec", "namespaceSelector").isPresent());
    // a rule in a shared monitoring namespace may select the target's namespace
    boolean rules = !plan.of(KindCatalogue.PROMETHEUS_RULE).isEmpty();
    return monitors || rules ? new PlannedPrometheus(live, monitors, rules) : live;
  }

  @Override
  public Answer<PrometheusApi> prometheus(String endpointName) {
    return live.prometheus(endpointName).map(api -> new PrometheusApi() {
      @Override
      public Answer<List<Sample>> query(String promql) {
        return api.query(promql);
      }

      @Override
      public Answer<List<ScrapeTarget>> activeTargets() {
        return monitors ? Answer.failed("prometheus " + endpointName + " has not scraped the planned monitors yet") : api.activeTargets();
      }

      @Override
      public Answer<List<AlertRule>> alertRules() {
        return rules ? Answer.failed("prometheus " + endpointName + " has not loaded the planned rules yet") : api.alertRules();
      }
    });
  }

  @Override
  public Answer<MlflowApi> mlflow(String endpointName) {
    return live.mlflow(endpointName);
  }
}
