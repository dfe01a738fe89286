package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.reports.OpenReport;
import dev.mlops.maturity.reports.ReportResult;
import dev.mlops.maturity.reports.ResultTimestamp;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Report the writer sends fits the upstream schema (the vendored openreports.io_reports.yaml): only fields the
 * schema declares, every result's {@code result} and {@code severity} among its enums, the required fields set.
 */
class OpenReportsSchemaTest {
  private static final JSONSchemaProps SCHEMA = OpenReportsCluster.reportCrd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();

  @SuppressWarnings("unchecked")
  @Test
  void everyFieldOfTheWrittenReportIsDeclaredByTheUpstreamSchemaWithAnAllowedValue() {
    List<ReportResult> results = new ArrayList<>();
    String[][] outcomes = {{"pass", "critical"}, {"fail", "high"}, {"warn", "info"}, {"error", "medium"}, {"skip", "low"}};
    for (String[] o : outcomes) {
      results.add(new ReportResult(OpenReport.SOURCE, "mlops-5-level", "cap-" + o[0], "Level 1: Served", o[1], o[0], true, "why",
          Map.of("state", "Missing", "level", "1"), ResultTimestamp.of(Instant.parse("2026-12-04T10:00:00.5Z"))));
    }
    MaturityTarget target = MockCluster.target("team-a", "fraud", 2, MockCluster.FRAUD);
    target.getMetadata().setUid("0a1b2c3d-0000-0000-0000-000000000001");
    GenericKubernetesResource report = new OpenReportsWriter(null, Clock.systemUTC()).resource(target, OpenReport.of(results), null);

    assertThat(SCHEMA.getProperties()).containsKeys(report.getAdditionalProperties().keySet().toArray(String[]::new));
    assertThat(SCHEMA.getProperties().get("scope").getProperties())
        .containsKeys(((Map<String, Object>) report.getAdditionalProperties().get("scope")).keySet().toArray(String[]::new));
    assertThat(SCHEMA.getProperties().get("summary").getProperties())
        .containsKeys(((Map<String, Object>) report.getAdditionalProperties().get("summary")).keySet().toArray(String[]::new));
    JSONSchemaProps item = SCHEMA.getProperties().get("results").getItems().getSchema();
    List<String> resultEnum = item.getProperties().get("result").getEnum().stream().map(n -> n.asText()).toList();
    List<String> severityEnum = item.getProperties().get("severity").getEnum().stream().map(n -> n.asText()).toList();
    List<Map<String, Object>> written = (List<Map<String, Object>>) report.getAdditionalProperties().get("results");
    assertThat(written).hasSize(5).allSatisfy(r -> {
      assertThat(item.getProperties()).containsKeys(r.keySet().toArray(String[]::new));
      assertThat(r).containsKeys(item.getRequired().toArray(String[]::new));
      assertThat(resultEnum).contains((String) r.get("result"));
      assertThat(severityEnum).contains((String) r.get("severity"));
      Map<String, Object> timestamp = (Map<String, Object>) r.get("timestamp");
      assertThat(timestamp).containsKeys(item.getProperties().get("timestamp").getRequired().toArray(String[]::new));
      assertThat(timestamp).containsEntry("nanos", 500_000_000);
      assertThat((Map<String, Object>) r.get("properties")).allSatisfy((k, v) -> assertThat(v).isInstanceOf(String.class));
    });
  }
}
