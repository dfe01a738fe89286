package dev.mlops.maturity.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.api.v1alpha1.DeclaredEvidence;
import dev.mlops.maturity.api.v1alpha1.LevelSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.MaturityModelSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetSpec;
import dev.mlops.maturity.api.v1alpha1.RequirementSpec;
import dev.mlops.maturity.api.v1alpha1.WorkloadRef;
import dev.mlops.maturity.evaluation.PreviousEvaluation;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.ScenarioAssertions;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TargetAssessorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ModelSource BUILT_IN = new ClusterModels(BuiltInModels.load(), new InMemoryClusterView());

  /** A probe whose verdict is fixed by the test. */
  record FixedProbe(String capability, Scope scope, Function<ProbeContext, Evidence> verdict) implements Probe {
    @Override
    public Set<ResourceKind> reads() {
      return Set.of();
    }

    @Override
    public Evidence evaluate(ProbeContext context) {
      return verdict.apply(context);
    }
  }

  static MaturityTarget target(String model, int level) {
    MaturityTarget t = new MaturityTarget();
    t.setMetadata(new ObjectMetaBuilder().withName("fraud-detector").withNamespace("fraud").withGeneration(1L).build());
    MaturityTargetSpec spec = new MaturityTargetSpec();
    spec.model = model;
    spec.targetLevel = level;
    spec.workload = new WorkloadRef();
    spec.workload.selector = new LabelSelectorBuilder().addToMatchLabels("app", "fraud").build();
    t.setSpec(spec);
    return t;
  }

  static TargetAssessor assessor(List<Probe> probes) {
    return new TargetAssessor(new EvidenceCollector(new ProbeSet(probes), ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED),
        ScenarioAssertions.FIXED);
  }

  static List<Probe> satisfying(String... ids) {
    return java.util.Arrays.stream(ids).<Probe>map(id -> new FixedProbe(id, Scope.WORKLOAD,
        ctx -> Evidence.satisfied(id, "seen in " + ctx.target().namespace(), List.of("ref/" + id)))).toList();
  }

  @Test
  void registryWithoutAutomationIsLevelOneWithDeclaredEvidenceAccepted() {
    MaturityTarget t = target("mlops-5-level", 2);
    DeclaredEvidence runbook = new DeclaredEvidence();
    runbook.capability = "manual-retraining-documented";
    runbook.reference = "https://wiki/runbook";
    DeclaredEvidence others = new DeclaredEvidence();
    others.capability = "retrain-by-others";
    others.reference = "CODEOWNERS";
    t.getSpec().declared = List.of(runbook, others);
    TargetAssessment result = assessor(satisfying("model-registry", "model-versioning", "health-monitoring"))
        .assess(t, BUILT_IN, new InMemoryClusterView(), ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE);

    assertThat(result.problems()).isEmpty();
    assertThat(result.assessment()).get().satisfies(a -> {
      assertThat(a.observedLevel()).isEqualTo(1);
      assertThat(a.targetMet()).isFalse();
      assertThat(a.nextLevel()).get().satisfies(n -> assertThat(n.missing()).contains("training-pipeline", "quality-gate"));
    });
  }

  @Test
  void unknownModelIsAProblemNamingTheFieldAndNothingIsEvaluated() {
    TargetAssessment result = assessor(List.of()).assess(target("no-such-model", 1), BUILT_IN,
        new InMemoryClusterView(), ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE);

    assertThat(result.assessment()).isEmpty();
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("spec.model");
      assertThat(p.reason()).isEqualTo("UnknownModel");
      assertThat(p.message()).contains("no-such-model", "mlops-5-level");
    });
  }

  @Test
  void invalidCustomModelIsReportedWithItsProblemsAndBuiltInsStillWork() {
    MaturityModel broken = new MaturityModel();
    broken.setMetadata(new ObjectMetaBuilder().withName("gappy").build());
    broken.setSpec(new MaturityModelSpec());
    LevelSpec zero = new LevelSpec();
    zero.level = 0;
    zero.name = "none";
    LevelSpec two = new LevelSpec();
    two.level = 2;
    two.name = "skipped one";
    two.requires = List.of(RequirementSpec.of("model-registry"));
    broken.getSpec().levels = List.of(zero, two);
    ModelSource catalog = new ClusterModels(BuiltInModels.load(), new InMemoryClusterView().add(broken));

    TargetAssessment result = assessor(List.of()).assess(target("gappy", 1), catalog, new InMemoryClusterView(),
        ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE);
    assertThat(result.problems()).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo("InvalidModel");
      assertThat(p.message()).contains("gap in levels");
    });
    assertThat(catalog.resolve("mlops-5-level").model()).isPresent();
    assertThat(catalog.resolve("")).satisfies(r -> assertThat(r.model()).get().extracting(m -> m.id()).isEqualTo("mlops-5-level"));
  }

  @Test
  void platformEvidenceIsComputedOnceAndSharedByEveryTarget() {
    int[] calls = {0};
    Probe gpu = new FixedProbe("gpu-scheduling", Scope.PLATFORM, ctx -> {
      calls[0]++;
      assertThat(ctx.target()).isNull();
      return Evidence.satisfied("gpu-scheduling", "8 GPUs allocatable", List.of("Node gpu-node-1"));
    });
    TargetAssessor assessor = assessor(List.of(gpu));
    Map<String, Evidence> platform = assessor.platformEvidence(new InMemoryClusterView(), ExternalSources.NONE);
    for (int i = 0; i < 3; i++) {
      TargetAssessment r = assessor.assess(target("mlops-5-level", 4), BUILT_IN, new InMemoryClusterView(),
          ExternalSources.NONE, platform, PreviousEvaluation.NONE);
      assertThat(r.assessment().orElseThrow().capabilities()).filteredOn(c -> c.id().equals("gpu-scheduling"))
          .singleElement().satisfies(c -> assertThat(c.evidence().message()).isEqualTo("8 GPUs allocatable"));
    }
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void aThrowingProbeBecomesUnknownWithoutStoppingTheOthers() {
    Probe boom = new FixedProbe("model-registry", Scope.WORKLOAD, ctx -> {
      throw new IllegalStateException("boom");
    });
    List<Probe> probes = new java.util.ArrayList<>(satisfying("model-versioning", "health-monitoring"));
    probes.add(boom);
    TargetAssessment r = assessor(probes).assess(target("mlops-5-level", 1), BUILT_IN, new InMemoryClusterView(),
        ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE);
    assertThat(r.assessment().orElseThrow().capabilities()).filteredOn(c -> c.id().equals("model-registry")).singleElement()
        .satisfies(c -> assertThat(c.evidence().state().name()).isEqualTo("Unknown"));
    assertThat(r.assessment().orElseThrow().capabilities()).filteredOn(c -> c.id().equals("model-versioning")).singleElement()
        .satisfies(c -> assertThat(c.evidence().state().name()).isEqualTo("Satisfied"));
  }

  @Test
  void jsonReportMirrorsTheStatusShape() throws Exception {
    TargetAssessment ok = assessor(satisfying("model-registry")).assess(target("mlops-5-level", 1), BUILT_IN,
        new InMemoryClusterView(), ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE);
    TargetAssessment bad = assessor(List.of()).assess(target("nope", 1), BUILT_IN, new InMemoryClusterView(),
        ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE);
    AssessmentReport report = new AssessmentReport(List.of(ok, bad));

    JsonNode json = JSON.readTree(report.render(ReportFormat.JSON));
    JsonNode first = json.path("assessments").get(0);
    assertThat(first.path("namespace").asText()).isEqualTo("fraud");
    assertThat(first.path("model").asText()).isEqualTo("mlops-5-level");
    assertThat(first.path("targetLevel").asInt()).isEqualTo(1);
    assertThat(first.path("observedLevel").asInt()).isEqualTo(0);
    assertThat(first.path("observedLevelName").asText()).isEqualTo("Manual");
    assertThat(first.path("targetMet").asBoolean()).isFalse();
    assertThat(first.path("nextLevel").path("level").asInt()).isEqualTo(1);
    JsonNode registry = first.path("capabilities").get(0);
    assertThat(registry.path("id").asText()).isEqualTo("model-registry");
    assertThat(registry.path("state").asText()).isEqualTo("Satisfied");
    assertThat(registry.path("source").asText()).isEqualTo("observed");
    assertThat(registry.path("evidence").get(0).asText()).isEqualTo("ref/model-registry");
    assertThat(json.path("assessments").get(1).path("problems").get(0).path("reason").asText()).isEqualTo("UnknownModel");

    assertThat(report.below(1)).extracting(TargetAssessment::model).containsExactly("mlops-5-level", "nope");
    assertThat(report.render(ReportFormat.TABLE)).contains("NAMESPACE", "TARGET-MET", "Manual", "invalid: spec.model");
    assertThat(report.render(ReportFormat.MARKDOWN)).contains("| fraud | fraud-detector | mlops-5-level | 1 | 0 | 0 | Manual | no |",
        "**UnknownModel** `spec.model`");
  }

  @Test
  void theProvenGateCountsOnlyObservedEvidenceAndATargetWithProblemsIsBelowEveryLevel() throws Exception {
    MaturityTarget declared = target("mlops-5-level", 1);
    DeclaredEvidence runbook = new DeclaredEvidence();
    runbook.capability = "manual-retraining-documented";
    runbook.reference = "https://wiki/runbook";
    DeclaredEvidence others = new DeclaredEvidence();
    others.capability = "retrain-by-others";
    others.reference = "CODEOWNERS";
    declared.getSpec().declared = List.of(runbook, others);
    MaturityTarget refused = target("mlops-5-level", 1);
    refused.getMetadata().setName("refused");
    dev.mlops.maturity.api.v1alpha1.NotApplicable na = new dev.mlops.maturity.api.v1alpha1.NotApplicable();
    na.capability = "health-monitoring";
    na.reason = "we do not need it";
    refused.getSpec().notApplicable = List.of(na);
    refused.getSpec().declared = List.of(runbook, others);
    MaturityTarget expired = target("mlops-5-level", 0);
    expired.getMetadata().setName("expired");
    dev.mlops.maturity.api.v1alpha1.Waiver w = new dev.mlops.maturity.api.v1alpha1.Waiver();
    w.capability = "gpu-utilisation";
    w.reason = "old";
    w.expires = "2020-01-01";
    expired.getSpec().waivers = List.of(w);
    TargetAssessor assessor = assessor(satisfying("model-registry", "model-versioning", "health-monitoring"));
    List<TargetAssessment> results = java.util.stream.Stream.of(declared, refused, expired)
        .map(t -> assessor.assess(t, BUILT_IN, new InMemoryClusterView(), ExternalSources.NONE, Map.of(), PreviousEvaluation.NONE)).toList();
    AssessmentReport report = new AssessmentReport(results);

    assertThat(results.get(0).assessment().orElseThrow().observedLevel()).isEqualTo(1);
    assertThat(results.get(0).assessment().orElseThrow().provenLevel()).isZero();
    assertThat(report.below(1)).extracting(TargetAssessment::name).containsExactly("expired");
    assertThat(report.below(1, true)).extracting(TargetAssessment::name).containsExactly("fraud-detector", "refused", "expired");
    assertThat(report.below(0)).as("spec problems publish no level").extracting(TargetAssessment::name).containsExactly("expired");

    JsonNode json = JSON.readTree(report.render(ReportFormat.JSON)).path("assessments");
    assertThat(json.get(0).path("provenLevel").asInt()).isZero();
    assertThat(json.get(1).path("policyViolations").get(0).path("field").asText()).isEqualTo("spec.notApplicable[0]");
    assertThat(json.get(1).path("exceptions").get(0).path("effect").asText()).isEqualTo("Refused");
    assertThat(json.get(2).has("observedLevel")).as("a target with spec problems publishes no level").isFalse();
    assertThat(report.render(ReportFormat.TABLE)).contains("PROVEN", "policy: fraud/refused refused spec.notApplicable[0]: health-monitoring");
  }
}
