package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.evaluation.SpecProblem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Report writer against the mock API server with a clock that moves only when told: how it takes a Report
 * over from a deleted owner, leaves a foreign one alone, and backs off (one log line, no request) when the API is
 * absent or forbidden until the recheck period passed.
 */
class OpenReportsWriterTest {
  private static final Duration RECHECK = Duration.ofMinutes(5);

  private final ReconcilerHarness.MutableClock clock = new ReconcilerHarness.MutableClock();
  private OpenReportsCluster cluster;
  private OpenReportsWriter writer;

  @BeforeEach
  void start() {
    cluster = OpenReportsCluster.start();
    writer = new OpenReportsWriter(cluster.client, clock, RECHECK);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** An evaluation blocked by a spec problem: a one-result Report whose message is {@code problem}. */
  private static Observation blocked(String problem) {
    return new Observation(Optional.empty(), List.of(new SpecProblem("spec.model", "UnknownModel", problem)), Duration.ofHours(1), null);
  }

  private MaturityTarget target(String name) {
    return cluster.create(MockCluster.target("team-a", name, 1, MockCluster.FRAUD));
  }

  private long writes() {
    return cluster.count("POST", OpenReportsCluster.REPORTS_PATH) + cluster.count("PUT", OpenReportsCluster.REPORTS_PATH);
  }

  @SuppressWarnings("unchecked")
  private String message(String name) {
    List<Map<String, Object>> results = (List<Map<String, Object>>) cluster.report("team-a", name).getAdditionalProperties().get("results");
    assertThat(results).hasSize(1);
    return (String) results.get(0).get("message");
  }

  @Test
  void aTargetCreatedAgainUnderTheSameNameTakesTheReportOverFromItsDeletedOwner() {
    cluster.installReportCrd();
    MaturityTarget first = target("fraud");
    writer.write(first, blocked("model a is missing"));
    writer.forget(first);
    cluster.client.resource(first).delete();
    MaturityTarget second = target("fraud");

    writer.write(second, blocked("model b is missing"));

    GenericKubernetesResource report = cluster.report("team-a", "fraud");
    assertThat(report.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid()));
    assertThat(message("fraud")).isEqualTo("spec.model: model b is missing");
    assertThat(cluster.count("POST", OpenReportsCluster.REPORTS_PATH)).isEqualTo(1);
    assertThat(cluster.count("PUT", OpenReportsCluster.REPORTS_PATH)).isEqualTo(1);
  }

  @Test
  void afterARestartTheStoredReportIsReadOnceAndAnUnchangedOneIsNotWrittenAgain() {
    cluster.installReportCrd();
    MaturityTarget target = target("fraud");
    writer.write(target, blocked("model a is missing"));
    OpenReportsWriter restarted = new OpenReportsWriter(cluster.client, clock, RECHECK);
    clock.advance(Duration.ofMinutes(1));

    restarted.write(target, blocked("model a is missing"));
    restarted.write(target, blocked("model a is missing"));

    assertThat(writes()).isEqualTo(1);
    assertThat(cluster.count("GET", OpenReportsCluster.REPORTS_PATH + "namespaces/team-a/reports/fraud")).as("one read per writer").isEqualTo(2);
  }

  @Test
  void aReportOfTheSameNameTheTargetDoesNotOwnIsLeftAlone() {
    cluster.installReportCrd();
    MaturityTarget target = target("fraud");
    cluster.client.genericKubernetesResources(OpenReportsWriter.REPORTS).inNamespace("team-a").resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("openreports.io/v1alpha1").withKind("Report")
        .withNewMetadata().withNamespace("team-a").withName("fraud").endMetadata()
        .addToAdditionalProperties("source", "kyverno").build()).create();

    writer.write(target, blocked("model a is missing"));
    writer.write(target, blocked("model b is missing"));

    assertThat(cluster.report("team-a", "fraud").getAdditionalProperties()).containsEntry("source", "kyverno");
    assertThat(cluster.count("PUT", OpenReportsCluster.REPORTS_PATH)).isZero();
  }

  @Test
  void aCrdInstalledLaterIsFoundAtTheNextRecheckNotBefore() {
    MaturityTarget target = target("fraud");
    writer.write(target, blocked("model a is missing"));
    cluster.installReportCrd();

    clock.advance(RECHECK.minusSeconds(1));
    writer.write(target, blocked("model a is missing"));
    assertThat(cluster.reportRequests()).isZero();
    assertThat(cluster.count("GET", OpenReportsCluster.CRD_PATH)).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    writer.write(target, blocked("model a is missing"));
    assertThat(cluster.report("team-a", "fraud")).isNotNull();
    assertThat(cluster.count("GET", OpenReportsCluster.CRD_PATH)).isEqualTo(2);
  }

  @Test
  void aForbiddenWriteIsOneLogLineAndNoFurtherAttemptUntilTheRecheck() {
    cluster.installReportCrd();
    cluster.server.expect().post().withPath(OpenReportsCluster.REPORTS_PATH + "namespaces/team-a/reports")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("reports.openreports.io is forbidden").build())
        .once();
    MaturityTarget target = target("fraud");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      writer.write(target, blocked("model a is missing"));
      for (int i = 0; i < 5; i++) {
        clock.advance(Duration.ofSeconds(30));
        writer.write(target, blocked("problem " + i));
      }
      System.err.flush();
    } finally {
      System.setErr(original);
    }

    assertThat(cluster.count("POST", OpenReportsCluster.REPORTS_PATH)).as("only the forbidden attempt").isEqualTo(1);
    assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("OpenReports:") && l.contains("forbidden")))
        .hasSize(1);

    clock.advance(RECHECK);
    writer.write(target, blocked("model a is missing"));
    assertThat(cluster.report("team-a", "fraud")).as("written again once the recheck finds the API").isNotNull();
  }
}
