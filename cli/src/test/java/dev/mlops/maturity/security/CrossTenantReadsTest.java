package dev.mlops.maturity.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.config.OperatorConfigLoader;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.EvidenceCollector;
import dev.mlops.maturity.probe.ExternalSources;
import dev.mlops.maturity.probe.InMemoryClusterView;
import dev.mlops.maturity.probe.ProbeSet;
import dev.mlops.maturity.probe.ProbeSettings;
import dev.mlops.maturity.probe.Tenancy;
import dev.mlops.maturity.probe.WorkloadTarget;
import dev.mlops.maturity.probe.mlflow.MlflowApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 finding 2: evidence for a target comes only from its own namespace, cluster-scoped objects
 * and what the admin's tenancy rules assign to it. Team A naming team B's registered model or a word of
 * team B's PrometheusRules learns nothing about them and is credited with nothing.
 */
class CrossTenantReadsTest {
  private static final Set<String> REGISTRY = Set.of("model-registry", "model-versioning", "experiment-tracking", "data-versioning");

  private static WorkloadTarget teamA(String registeredModel) {
    return new WorkloadTarget("team-a", "fraud", new LabelSelectorBuilder().withMatchLabels(Map.of("app", "fraud")).build(),
        registeredModel, "default", "default", Duration.ofMinutes(5));
  }

  /** Team B's registry: a READY version pinned by the champion alias, its run, dataset and metrics. */
  private static class TeamBRegistry implements MlflowApi {
    final Map<String, String> tags;

    TeamBRegistry(String owner) {
      tags = Map.of(Tenancy.NAMESPACE_TAG, owner);
    }

    private ModelVersion v7() {
      return new ModelVersion("churn-model", "7", "READY", "secret-run-id-b7", "s3://team-b/churn/7", "bob", 1L, Map.of());
    }

    @Override
    public Answer<RegisteredModel> registeredModel(String name) {
      return Answer.ok(new RegisteredModel(name, List.of(v7()), tags, Map.of("champion", "7")));
    }

    @Override
    public Answer<List<ModelVersion>> modelVersions(String name) {
      return Answer.ok(List.of(v7()));
    }

    @Override
    public Answer<ModelVersion> alias(String name, String alias) {
      return Answer.ok(v7());
    }

    @Override
    public Answer<Run> run(String runId) {
      return Answer.ok(new Run(runId, "FINISHED", 3, 2, Map.of(), List.of(new DatasetInput("team-b-customers", "digest-b", "s3://team-b/data"))));
    }
  }

  private static ExternalSources mlflow(MlflowApi api) {
    return new ExternalSources() {
      @Override
      public Answer<PrometheusApi> prometheus(String endpointName) {
        return Answer.failed("not configured");
      }

      @Override
      public Answer<MlflowApi> mlflow(String endpointName) {
        return Answer.ok(api);
      }
    };
  }

  private static Map<String, Evidence> registry(ProbeSettings settings, MlflowApi api) {
    return new EvidenceCollector(ProbeSet.standard(), settings, Clock.systemUTC())
        .workload(teamA("churn-model"), new InMemoryClusterView(), mlflow(api), Map.of(), REGISTRY);
  }

  @Test
  void aConfigurationFileFailsClosedAnotherTeamsModelShowsNothing() throws Exception {
    ProbeSettings settings = OperatorConfigLoader.parse("thresholds: {championAlias: champion}").thresholds();

    Map<String, Evidence> out = registry(settings, new TeamBRegistry("team-b"));

    assertThat(out.values()).extracting(Evidence::state).containsOnly(CapabilityState.Missing);
    String everything = out.values().toString();
    assertThat(everything).doesNotContain("secret-run-id-b7").doesNotContain("team-b-customers").doesNotContain("digest-b")
        .doesNotContain("v7").doesNotContain("version 7");
    // a model that does not exist reads exactly the same: the answer does not even confirm team B's model exists
    Map<String, Evidence> absent = new EvidenceCollector(ProbeSet.standard(), settings, Clock.systemUTC())
        .workload(teamA("churn-model"), new InMemoryClusterView(), mlflow(new TeamBRegistry("team-b") {
          @Override
          public Answer<RegisteredModel> registeredModel(String name) {
            return Answer.notFound(name);
          }
        }), Map.of(), REGISTRY);
    assertThat(absent.get("model-registry").message()).isEqualTo(out.get("model-registry").message());
  }

  @Test
  void theOwnersTagOrAnAdminPrefixRuleOpensTheRegistry() throws Exception {
    ProbeSettings tag = OperatorConfigLoader.parse("tenancy: {mlflowOwnership: tag}").thresholds();
    assertThat(registry(tag, new TeamBRegistry("team-a")).get("model-registry").state()).isEqualTo(CapabilityState.Satisfied);

    ProbeSettings prefix = OperatorConfigLoader.parse("tenancy: {mlflowOwnership: prefix}").thresholds();
    Map<String, Evidence> churn = registry(prefix, new TeamBRegistry("team-a"));
    assertThat(churn.get("model-registry").state()).as("churn-model has no team-a- prefix").isEqualTo(CapabilityState.Missing);
    Map<String, Evidence> own = new EvidenceCollector(ProbeSet.standard(), prefix, Clock.systemUTC())
        .workload(teamA("team-a-fraud"), new InMemoryClusterView(), mlflow(new TeamBRegistry("x")), Map.of(), Set.of("model-registry"));
    assertThat(own.get("model-registry").state()).isEqualTo(CapabilityState.Satisfied);
  }

  private static final String OTHER_TEAMS_RULES = """
      apiVersion: monitoring.coreos.com/v1
      kind: PrometheusRule
      metadata: {name: team-b-secret-alerts, namespace: team-b}
      spec:
        groups:
        - name: b
          rules:
          - alert: TeamBChurnModelDown
            expr: 'up{job="churn-model"} == 0'
      ---
      apiVersion: monitoring.coreos.com/v1
      kind: PrometheusRule
      metadata: {name: platform-alerts, namespace: monitoring}
      spec:
        groups:
        - name: platform
          rules:
          - alert: TeamBOnly
            expr: 'up{namespace="team-b"} == 0'
          - alert: TeamAServing
            expr: 'up{namespace="team-a"} == 0'
      """;

  private static Evidence alerting(ProbeSettings settings) {
    return new EvidenceCollector(ProbeSet.standard(), settings, Clock.systemUTC())
        .workload(teamA("churn-model"), new InMemoryClusterView().addYaml(OTHER_TEAMS_RULES), ExternalSources.NONE, Map.of(), Set.of("alerting"))
        .get("alerting");
  }

  @Test
  void anotherNamespacesRuleNamingTheWordIsNeverRead() throws Exception {
    Evidence e = alerting(OperatorConfigLoader.parse("tenancy: {}").thresholds());

    assertThat(e.state()).isNotEqualTo(CapabilityState.Satisfied);
    assertThat(e.toString()).doesNotContain("TeamBChurnModelDown").doesNotContain("team-b-secret-alerts").doesNotContain("TeamBOnly");
  }

  @Test
  void aSharedMonitoringNamespaceCountsOnlyForRulesSelectingTheTargetsNamespace() throws Exception {
    Evidence e = alerting(OperatorConfigLoader.parse("tenancy: {sharedMonitoringNamespaces: [monitoring]}").thresholds());

    assertThat(e.state()).isEqualTo(CapabilityState.Satisfied);
    assertThat(e.message()).contains("TeamAServing");
    assertThat(e.toString()).doesNotContain("TeamBOnly").doesNotContain("TeamBChurnModelDown");
  }
}
