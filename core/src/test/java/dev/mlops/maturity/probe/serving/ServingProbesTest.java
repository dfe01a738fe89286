package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.CapabilityCatalogue;
import dev.mlops.maturity.model.Scope;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.Probe;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.Scenario;
import dev.mlops.maturity.probe.ScenarioAssertions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServingProbesTest {

  static List<Probe> probes() {
    return ServingProbes.all();
  }

  @Test
  void oneProbePerServingCapabilityWithTheCataloguesScope() {
    ProbeSet set = new ProbeSet(ServingProbes.all());
    assertThat(set.all()).extracting(Probe::capability).containsExactlyInAnyOrder(
        "canary-deployment", "shadow-deployment", "ab-testing", "self-healing-rollback", "multi-model-serving");
    for (Probe p : set.all()) {
      assertThat(CapabilityCatalogue.find(p.capability())).as(p.capability()).hasValueSatisfying(c -> assertThat(c.scope()).isEqualTo(p.scope()));
    }
  }

  /** reads() drives the operator's watches and the chart's RBAC, so every kind a probe lists must be in it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void readsDeclaresEveryKindTheProbeLists(Probe probe) {
    Set<ResourceKind> listed = new HashSet<>();
    for (Scenario s : Scenario.under("serving")) {
      ClusterView recording = (kind, namespace) -> {
        listed.add(kind);
        return s.cluster().list(kind, namespace);
      };
      ProbeContext ctx = new ProbeContext(probe.scope() == Scope.PLATFORM ? null : ServingFixtures.FRAUD,
          recording, ExternalSources.NONE, ProbeSettings.DEFAULTS, ScenarioAssertions.FIXED);
      probe.evaluate(ctx);
    }
    assertThat(probe.reads()).containsAll(listed);
    assertThat(listed).as("the scenarios exercise every kind %s declares", probe.capability()).containsAll(probe.reads());
  }

  /** Third-party shapes vary: wrong types where maps, lists or numbers are expected must not break a probe. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void malformedObjectsNeverThrowAndSatisfyNothing(Probe probe) {
    InMemoryClusterView cluster = new InMemoryClusterView();
    String labels = "  labels: {app.kubernetes.io/part-of: fraud-detector}\n";
    String[] kinds = {
        "argoproj.io/v1alpha1|Rollout", "flagger.app/v1beta1|Canary", "serving.kserve.io/v1beta1|InferenceService",
        "networking.istio.io/v1|VirtualService", "mlops.seldon.io/v1alpha1|Experiment", "mlops.seldon.io/v1alpha1|Server",
        "serving.kserve.io/v1alpha1|ServingRuntime", "serving.kserve.io/v1alpha1|TrainedModel", "argoproj.io/v1alpha1|AnalysisTemplate",
        "gateway.networking.k8s.io/v1|HTTPRoute", "helm.toolkit.fluxcd.io/v2|HelmRelease"};
    String[] specs = {
        "spec: nonsense\nstatus: 7\n",
        "spec: {strategy: {canary: {steps: [7, null, {setWeight: [1]}, {analysis: {templates: [{templateName: {a: b}}]}}], trafficRouting: []}},"
            + " analysis: [], predictor: {canaryTrafficPercent: {x: 1}}, http: [{route: 5, mirror: \"x\"}, 3],"
            + " candidates: [\"a\", {weight: [50]}], mirror: [], multiModel: [], inferenceService: [], metrics: \"m\","
            + " rules: [5, {backendRefs: \"x\", filters: [{type: RequestMirror, requestMirror: {backendRef: [1], fraction: {numerator: 1, denominator: 0}}}]},"
            + " {backendRefs: [3, {weight: [1]}, {name: {a: b}, weight: \"ten\"}]}], suspend: [true], upgrade: {remediation: [1]}}\n"
            + "status: {loadedModels: \"many\", abort: [], conditions: \"x\", components: {predictor: {traffic: [1, 2]}}}\n"};
    int i = 0;
    for (String kind : kinds) {
      for (String spec : specs) {
        String[] av = kind.split("\\|");
        cluster.addYaml("apiVersion: " + av[0] + "\nkind: " + av[1] + "\nmetadata:\n  name: odd-" + i++ + "\n  namespace: fraud\n" + labels + spec);
      }
    }
    Evidence e = ServingFixtures.evaluate(probe, cluster);
    assertThat(e.state()).as(e.message()).isEqualTo(CapabilityState.Missing);
  }
}
