package dev.mlops.maturity.reliability;

import dev.mlops.maturity.reconciler.TestProbes;
import static dev.mlops.maturity.reliability.FaultyCluster.FRAUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.api.v1alpha1.DeclaredEvidence;
import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.Waiver;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.reconciler.OperatorApp;
import dev.mlops.maturity.reconciler.OperatorHandle;
import dev.mlops.maturity.reconciler.OperatorOptions;
import dev.mlops.maturity.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input the CRD schema cannot stop (or that a permissive API server lets through): each invalid
 * MaturityTarget gets Ready=False with a reason naming the field, valid neighbours are unaffected and
 * no level exceeds the evidence; each invalid MaturityModel gets status.valid=false, its problems and
 * Ready=False, while the built-in models keep working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Map<String, String> LONELY = Map.of("app.kubernetes.io/part-of", "lonely");

  private FaultyCluster cluster;
  private OperatorHandle operator;
  /** Bad inputs tried in this class (reported in the README figures). */
  private static int tried;

  @BeforeAll
  void start() {
    cluster = FaultyCluster.start();
    cluster.installCronWorkflowCrd();
    cluster.createTestModel();
    cluster.createDeployment("team-a", "fraud-api", FRAUD);
    cluster.createCronWorkflow("team-a", "fraud-retrain", FRAUD);
    cluster.createDeployment("team-a", "lonely-api", LONELY);
    operator = OperatorApp.start(cluster.client, new TestProbes().probeSet(),
        OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
            .withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
    cluster.create(FaultyCluster.target("team-a", "valid", 2, FRAUD));
  }

  @AfterAll
  void stop() {
    operator.stop();
    cluster.close();
  }

  private MaturityTarget bad(String name, Map<String, String> selector, Consumer<MaturityTarget> edit) {
    tried++;
    MaturityTarget t = FaultyCluster.target("team-a", name, 2, selector);
    edit.accept(t);
    cluster.create(t);
    await().atMost(WAIT).until(() -> {
      MaturityTarget got = cluster.get("team-a", name);
      return got.getStatus() != null && Conditions.find(got.getStatus().conditions, Conditions.READY).isPresent();
    });
    return cluster.get("team-a", name);
  }

  private static Condition ready(MaturityTarget t) {
    return Conditions.find(t.getStatus().conditions, Conditions.READY).orElseThrow();
  }

  private void assertRejected(MaturityTarget t, String reason, String field) {
    Condition ready = ready(t);
    assertThat(ready.getStatus()).as(t.getMetadata().getName()).isEqualTo("False");
    assertThat(ready.getReason()).as(t.getMetadata().getName()).isEqualTo(reason);
    assertThat(ready.getMessage()).as(t.getMetadata().getName()).contains(field);
    if (t.getStatus().observedLevel != null) {
      assertThat(t.getStatus().observedLevel).as("never above the evidence").isLessThanOrEqualTo(2);
    }
  }

  private static Waiver waiver(String capability, String expires) {
    Waiver w = new Waiver();
    w.capability = capability;
    w.reason = "test";
    w.expires = expires;
    return w;
  }

  @Test
  void invalidTargetsGetReadyFalseNamingTheFieldAndTheirNeighboursAreUnaffected() {
    assertRejected(bad("unknown-model", FRAUD, t -> t.getSpec().model = "no-such-model"), "UnknownModel", "spec.model");
    assertRejected(bad("declared-unknown", FRAUD, t -> {
      DeclaredEvidence d = new DeclaredEvidence();
      d.capability = "teleportation";
      d.reference = "nowhere";
      t.getSpec().declared = List.of(d);
    }), "UnknownCapability", "spec.declared[0].capability");
    assertRejected(bad("waiver-unknown", FRAUD, t -> t.getSpec().waivers = List.of(waiver("teleportation", null))),
        "UnknownCapability", "spec.waivers[0].capability");
    assertRejected(bad("too-high", FRAUD, t -> t.getSpec().targetLevel = 9), "TargetLevelOutOfRange", "spec.targetLevel");
    assertRejected(bad("matches-nothing", Map.of("app.kubernetes.io/part-of", "typo"), t -> { }),
        "SelectorMatchesNothing", "spec.workload.selector");
    assertThat(cluster.get("team-a", "matches-nothing").getStatus().observedLevel).isZero();
    assertRejected(bad("duplicate-waivers", FRAUD, t -> t.getSpec().waivers = List.of(
        waiver("scheduled-retraining", null), waiver("scheduled-retraining", null))), "DuplicateWaiver", "spec.waivers[1].capability");
    assertRejected(bad("huge-lists", FRAUD, t -> {
      List<Waiver> many = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        many.add(waiver("scheduled-retraining", null));
      }
      t.getSpec().waivers = many;
    }), "TooManyEntries", "spec.waivers");
    assertRejected(bad("bad-interval", FRAUD, t -> t.getSpec().evaluationInterval = "5 parsecs"), "InvalidInterval", "spec.evaluationInterval");
    assertRejected(bad("no-selector", FRAUD, t -> t.getSpec().workload.selector = null), "MissingSelector", "spec.workload.selector");

    // an expired waiver does not hold: the lonely workload has no schedule, so it stays at level 1
    MaturityTarget expired = bad("expired-waiver", LONELY, t -> t.getSpec().waivers = List.of(
        waiver("scheduled-retraining", LocalDate.now().minusDays(1).toString())));
    assertRejected(expired, "WaiverExpired", "spec.waivers[0].expires");
    assertThat(expired.getStatus().observedLevel).as("an expired waiver raises nothing").isEqualTo(1);
    MaturityTarget unexpired = bad("unexpired-waiver", LONELY, t -> t.getSpec().waivers = List.of(
        waiver("scheduled-retraining", LocalDate.now().plusDays(30).toString())));
    assertThat(ready(unexpired).getStatus()).isEqualTo("True");
    assertThat(unexpired.getStatus().observedLevel).as("a valid waiver holds").isEqualTo(2);

    MaturityTarget valid = cluster.get("team-a", "valid");
    assertThat(ready(valid).getStatus()).isEqualTo("True");
    assertThat(valid.getStatus().observedLevel).isEqualTo(2);
    assertThat(operator.live()).isTrue();
  }

  private MaturityModel awaitModelStatus(String name) {
    await().atMost(WAIT).until(() -> {
      MaturityModel m = cluster.client.resources(MaturityModel.class).withName(name).get();
      return m != null && m.getStatus() != null && m.getStatus().valid != null;
    });
    return cluster.client.resources(MaturityModel.class).withName(name).get();
  }

  private void model(String name, String levels) {
    tried++;
    cluster.createModel("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityModel
        metadata:
          name: %s
        spec:
          levels:
        %s""".formatted(name, levels.indent(2)));
  }

  private void assertModelRejected(String name, String reason, String problem) {
    MaturityModel m = awaitModelStatus(name);
    assertThat(m.getStatus().valid).as(name).isFalse();
    assertThat(m.getStatus().problems).as(name).anyMatch(p -> p.contains(problem));
    Condition ready = Conditions.find(m.getStatus().conditions, Conditions.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(reason);
    assertThat(ready.getMessage()).contains(problem);
    assertThat(m.getStatus().observedGeneration).isEqualTo(m.getMetadata().getGeneration());
  }

  @Test
  void invalidModelsAreRejectedWithTheirProblemsAndTheBuiltInsKeepWorking() {
    model("gap-model", """
        - {level: 0, name: Manual}
        - {level: 2, name: Skipped, requires: [{capability: scheduled-retraining}]}
        """);
    model("unknown-capability-model", """
        - {level: 0, name: Manual}
        - {level: 1, name: Magic, requires: [{capability: teleportation}]}
        """);
    model("empty-level-model", """
        - {level: 0, name: Manual}
        - {level: 1, name: Nothing}
        """);
    model("mlops-5-level", """
        - {level: 0, name: Manual}
        - {level: 1, name: Hijacked, requires: [{capability: health-monitoring}]}
        """);

    assertModelRejected("gap-model", "InvalidModel", "gap in levels: level 1 is missing");
    assertModelRejected("unknown-capability-model", "InvalidModel", "unknown capability 'teleportation'");
    assertModelRejected("empty-level-model", "InvalidModel", "is empty");
    assertModelRejected("mlops-5-level", "ShadowedByBuiltIn", "built-in model");
    MaturityModel good = awaitModelStatus("test-model");
    assertThat(good.getStatus().valid).isTrue();
    assertThat(good.getStatus().problems).isEmpty();
    assertThat(Conditions.isTrue(good.getStatus().conditions, Conditions.READY)).isTrue();

    MaturityTarget onGap = bad("on-gap-model", FRAUD, t -> t.getSpec().model = "gap-model");
    assertRejected(onGap, "InvalidModel", "gap in levels");
    assertThat(onGap.getStatus().observedLevel).isNull();
    MaturityTarget builtIn = bad("on-built-in", FRAUD, t -> {
      t.getSpec().model = "mlops-5-level";
      t.getSpec().targetLevel = 1;
    });
    assertThat(ready(builtIn).getStatus()).as("the built-in model, not the hijacked copy").isEqualTo("True");
    assertThat(builtIn.getStatus().observedLevelName).isNotEqualTo("Hijacked");
    assertThat(builtIn.getStatus().capabilities.size()).as("the built-in's capabilities").isGreaterThan(2);
    assertThat(ready(cluster.get("team-a", "valid")).getStatus()).isEqualTo("True");
  }
}
