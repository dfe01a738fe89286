package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.probe.Answer;
import java.util.List;
import java.util.Map;

/** The parts of the Prometheus HTTP API the probes read (PROBES.md c.5). */
public interface PrometheusApi {
  /** GET /api/v1/query: an instant vector. An empty vector is Ok with an empty list (empty is not 0). */
  Answer<List<Sample>> query(String promql);

  /** GET /api/v1/targets?state=active. */
  Answer<List<ScrapeTarget>> activeTargets();

  /** GET /api/v1/rules?type=alert: the loaded alerting rules. */
  Answer<List<AlertRule>> alertRules();

  record Sample(Map<String, String> labels, double value) {}

  record ScrapeTarget(Map<String, String> labels, String scrapePool, String health) {
    public boolean up() {
      return "up".equals(health);
    }
  }

  /** {@code lastEvaluation}: when Prometheus last evaluated the rule (RFC 3339), null when not reported. */
  record AlertRule(String group, String name, String query, String health, Map<String, String> labels, String lastEvaluation) {
    public AlertRule(String group, String name, String query, String health, Map<String, String> labels) {
      this(group, name, query, health, labels, null);
    }
  }
}
