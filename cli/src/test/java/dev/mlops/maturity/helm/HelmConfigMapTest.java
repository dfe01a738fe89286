package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.config.BasicAuthRef;
import dev.mlops.maturity.config.Endpoint;
import dev.mlops.maturity.config.OperatorConfig;
import dev.mlops.maturity.config.SecretKeyRef;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rendered ConfigMap is an operator configuration the operator's own loader accepts, with the values' endpoints. */
class HelmConfigMapTest {

  @Test
  void theDefaultConfigurationNamesTheInClusterPrometheusAndNoCredentials() throws Exception {
    OperatorConfig config = HelmRbacTest.renderedConfig(ChartFixture.render());

    assertThat(config.prometheus()).containsOnlyKeys("default");
    assertThat(config.prometheus().get("default"))
        .isEqualTo(new Endpoint(URI.create("http://prometheus-operated.monitoring:9090"), null));
    assertThat(config.mlflow()).isEmpty();
    assertThat(config.thresholds().gpuUtilisationPercent()).isEqualTo(60.0);
    assertThat(config.thresholds().gpuUtilisationWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(config.thresholds().championAlias()).isEqualTo("champion");
    assertThat(config.watchNamespaces()).isEmpty();
  }

  @Test
  void endpointsThresholdsAndTokenSecretReferencesComeFromTheValues() throws Exception {
    OperatorConfig config = HelmRbacTest.renderedConfig(ChartFixture.render(ChartFixture.testValues("all-features-values.yaml")));

    assertThat(config.prometheus()).containsOnlyKeys("default", "thanos", "behind-proxy");
    assertThat(config.prometheus().get("behind-proxy")).isEqualTo(new Endpoint(URI.create("https://prometheus.example.internal"), null,
        new BasicAuthRef("prometheus-basic-auth", "monitoring", BasicAuthRef.USERNAME, BasicAuthRef.PASSWORD)));
    assertThat(config.prometheus().get("thanos")).isEqualTo(new Endpoint(
        URI.create("https://thanos-query.monitoring.svc:10902"), new SecretKeyRef("thanos-reader", null, "token")));
    assertThat(config.mlflow()).containsOnlyKeys("default", "research");
    assertThat(config.mlflow().get("default"))
        .isEqualTo(new Endpoint(URI.create("http://mlflow.mlflow:5000"), new SecretKeyRef("mlflow-reader", null, "token")));
    assertThat(config.mlflow().get("research"))
        .isEqualTo(new Endpoint(URI.create("http://mlflow.research:5000"), new SecretKeyRef("mlflow-research", "research", "token")));
    assertThat(config.thresholds().gpuUtilisationPercent()).isEqualTo(70.0);
    assertThat(config.thresholds().gpuUtilisationWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(config.thresholds().championAlias()).isEqualTo("production");
  }

  @Test
  void watchedNamespacesComeFromTheValues() throws Exception {
    OperatorConfig config = HelmRbacTest.renderedConfig(ChartFixture.render(ChartFixture.testValues("namespaced-values.yaml")));

    assertThat(config.watchNamespaces()).containsExactly("fraud", "churn");
  }

  @Test
  void theChartsDefaultPolicyIsTheOperatorsDefaultPolicy() throws Exception {
    OperatorConfig config = HelmRbacTest.renderedConfig(ChartFixture.render());

    assertThat(config.policy()).isEqualTo(dev.mlops.maturity.evaluation.GovernancePolicy.DEFAULTS);
  }

  @Test
  void thePolicyComesFromTheValues() throws Exception {
    OperatorConfig config = HelmRbacTest.renderedConfig(ChartFixture.parse(ChartFixture.template(null, java.util.Map.of(
        "config.policy.approval.required", true, "config.policy.waivers.maxDuration", "90d",
        "config.policy.waivers.deny[0]", "health-monitoring"))));

    assertThat(config.policy().approvalRequired()).isTrue();
    assertThat(config.policy().waivers().maxDuration()).isEqualTo(Duration.ofDays(90));
    assertThat(config.policy().waivers().deny()).containsExactly("health-monitoring");
    assertThat(config.policy().notApplicable().allow()).contains("gpu-scheduling");
  }
}
