package dev.mlops.maturity.reconciler;

import static dev.mlops.maturity.reconciler.MockCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.NotApplicable;
import dev.mlops.maturity.api.v1alpha1.Waiver;
import dev.mlops.maturity.cli.MaturityCommand;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The policy and MaturityExceptions in the running operator, and the self-certification case of issue 13 end to end. */
class GovernanceOperatorTest {
  private static final Duration QUICK = Duration.ofSeconds(10);

  private TestCluster cluster;
  private OperatorHandle operator;
  @TempDir
  Path dir;

  @BeforeEach
  void startCluster() {
    cluster = TestCluster.start();
    cluster.createTwoTeams();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    cluster.close();
  }

  private void startOperator(OperatorConfig config) {
    operator = OperatorApp.start(cluster.client, new TestProbes().probeSet(), OperatorOptions.defaults()
        .withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10)).withShutdownTimeout(Duration.ofMillis(500)).withConfig(config));
  }

  private static Condition condition(MaturityTarget t, String type) {
    return Conditions.find(t.getStatus().conditions, type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  private MaturityTarget awaitStatus(String ns, String name, java.util.function.Predicate<MaturityTarget> done) {
    await().atMost(QUICK).pollInterval(Duration.ofMillis(50)).until(() -> {
      MaturityTarget t = cluster.get(ns, name);
      return t != null && t.getStatus() != null && done.test(t);
    });
    return cluster.get(ns, name);
  }

  @Test
  void aTargetThatMatchesNothingAndMarksEverythingNotApplicableCertifiesNothing() {
    startOperator(OperatorConfig.EMPTY);
    MaturityTarget self = MockCluster.target("team-a", "self-certified", "mlops-5-level", 4, Map.of("app", "does-not-exist"));
    for (String id : BuiltInModels.load().find("mlops-5-level").orElseThrow().capabilities()) {
      NotApplicable n = new NotApplicable();
      n.capability = id;
      n.reason = "does not apply to us";
      self.getSpec().notApplicable.add(n);
    }
    cluster.create(self);

    MaturityTarget t = awaitStatus("team-a", "self-certified",
        s -> Conditions.find(s.getStatus().conditions, Conditions.POLICY_COMPLIANT).isPresent());

    // the selector problem is reported
    assertThat(condition(t, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(t, Conditions.READY).getReason()).isEqualTo("SelectorMatchesNothing");
    // notApplicable entries outside the default allow list are refused, the rest of the policy still applies
    assertThat(condition(t, Conditions.POLICY_COMPLIANT).getStatus()).isEqualTo("False");
    assertThat(condition(t, Conditions.POLICY_COMPLIANT).getReason()).isEqualTo("PolicyViolation");
    CapabilityStatus health = t.getStatus().capabilities.stream().filter(c -> c.id.equals("health-monitoring")).findFirst().orElseThrow();
    assertThat(health.state).isNotEqualTo(CapabilityState.NotApplicable);
    assertThat(health.message).contains("may not be marked not applicable");
    assertThat(t.getStatus().capabilities).filteredOn(c -> c.state == CapabilityState.NotApplicable).extracting(c -> c.id)
        .containsExactlyInAnyOrder("gpu-scheduling", "gpu-utilisation", "spot-capacity", "multi-model-serving");
    assertThat(t.getStatus().exceptions).filteredOn(e -> e.effect.equals("Refused")).hasSizeGreaterThan(10);
    // no TargetMet: not in the status, not as an Event
    assertThat(t.getStatus().targetMet).isFalse();
    assertThat(condition(t, Conditions.TARGET_MET).getStatus()).isEqualTo("False");
    assertThat(condition(t, Conditions.TARGET_MET).getReason()).isEqualTo("NotReady");
    await().atMost(QUICK).until(() -> !cluster.events("team-a", "ExemptionRefused").isEmpty());
    assertThat(cluster.events("team-a", TargetEvents.TARGET_MET)).isEmpty();
    assertThat(cluster.events("team-a", TargetEvents.LEVEL_RAISED)).isEmpty();
    // a target with Ready=False publishes no level: target_met and observed_level are absent, not 1
    String metrics = TestCluster.scrape(operator.metricsPort());
    assertThat(metrics).doesNotContain("target=\"self-certified\"");

    // assess sees the same: the selector problem and the refusals, and the gate fails
    Map<String, Object> run = assess("--fail-below", "4");
    assertThat(run.get("exit")).as(String.valueOf(run.get("err"))).isEqualTo(1);
    assertThat((String) run.get("out")).contains("self-certified", "invalid: ", "spec.workload.selector matches no object",
        "may not be marked not applicable");
    assertThat((String) run.get("err")).contains("below level 4: team-a/self-certified");
  }

  @Test
  void withApprovalRequiredAWaiverCountsOnlyWhileAMaturityExceptionApprovesIt() throws Exception {
    startOperator(OperatorConfigLoader.parse("policy: {approval: {required: true}}"));
    cluster.deleteCronWorkflow("team-a", "fraud-retrain");
    MaturityTarget fraud = MockCluster.target("team-a", "fraud", 2, FRAUD);
    Waiver w = new Waiver();
    w.capability = "scheduled-retraining";
    w.reason = "retraining moves to the new cluster next quarter";
    w.expires = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    fraud.getSpec().waivers.add(w);
    cluster.create(fraud);

    MaturityTarget requested = awaitStatus("team-a", "fraud", s -> Integer.valueOf(1).equals(s.getStatus().observedLevel));
    CapabilityStatus schedule = requested.getStatus().capabilities.get(1);
    assertThat(schedule.state).isEqualTo(CapabilityState.Missing);
    assertThat(schedule.message).contains("requested, not approved");
    assertThat(requested.getStatus().exceptions).singleElement().satisfies(e -> assertThat(e.effect).isEqualTo("Requested"));

    String expires = LocalDate.now(ZoneOffset.UTC).plusDays(20).toString();
    cluster.client.resource(Serialization.unmarshal("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityException
        metadata: {name: fraud-schedule}
        spec:
          target: {namespace: team-a, name: fraud}
          capability: scheduled-retraining
          kind: waiver
          reason: migration approved in the platform review
          expires: "%s"
          approvedBy: platform-team
        """.formatted(expires), GenericKubernetesResource.class)).create();

    MaturityTarget approved = awaitStatus("team-a", "fraud", s -> Integer.valueOf(2).equals(s.getStatus().observedLevel));
    assertThat(approved.getStatus().capabilities.get(1).state).isEqualTo(CapabilityState.Waived);
    assertThat(approved.getStatus().capabilities.get(1).evidence).containsExactly("MaturityException fraud-schedule");
    assertThat(approved.getStatus().provenLevel).isEqualTo(1);
    assertThat(approved.getStatus().history).anySatisfy(h -> {
      assertThat(h.exception).isEqualTo("MaturityException fraud-schedule");
      assertThat(h.reason).startsWith("ExemptionHeld");
    });
    await().atMost(QUICK).until(() -> cluster.events("team-a", "ExemptionHeld").size() == 1);
    String metrics = TestCluster.scrape(operator.metricsPort());
    assertThat(metrics).contains("mlops_maturity_proven_level{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"} 1.0");
    assertThat(metrics).contains("mlops_maturity_exception_expiry_timestamp_seconds{capability=\"scheduled-retraining\","
        + "exception=\"fraud-schedule\",kind=\"waiver\",namespace=\"team-a\",target=\"fraud\"} "
        + (double) LocalDate.parse(expires).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());

    cluster.client.genericKubernetesResources("maturity.mlops.dev/v1alpha1", "MaturityException").withName("fraud-schedule").delete();

    MaturityTarget withdrawn = awaitStatus("team-a", "fraud", s -> Integer.valueOf(1).equals(s.getStatus().observedLevel));
    assertThat(withdrawn.getStatus().capabilities.get(1).message).contains("requested, not approved");
    await().atMost(QUICK).until(() -> cluster.events("team-a", "ExemptionRequested").size() >= 2);
  }

  private Map<String, Object> assess(String... args) {
    try {
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
          contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
          current-context: mock
          users: [{name: mock, user: {token: test}}]
          """.formatted(cluster.client.getMasterUrl()));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = MaturityCommand.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      String[] all = new String[args.length + 5];
      all[0] = "assess";
      all[1] = "--kubeconfig";
      all[2] = kubeconfig.toString();
      all[3] = "-n";
      all[4] = "team-a";
      System.arraycopy(args, 0, all, 5, args.length);
      int exit = cli.execute(all);
      return Map.of("exit", exit, "out", out.toString(), "err", err.toString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
