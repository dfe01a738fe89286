package dev.mlops.maturity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.maturity.probe.ProbeSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorConfigLoaderTest {
  private static final String VALID = """
      integrations:
        prometheus:
          default: {url: "http://prometheus-operated.monitoring:9090"}
          thanos: {url: "https://thanos.monitoring.svc"}
        mlflow:
          default:
            url: http://mlflow.mlflow:5000
            tokenSecretRef: {name: mlflow-reader, key: token}
          shared:
            url: http://mlflow.shared:5000
            tokenSecretRef: {name: mlflow-reader, namespace: mlflow, key: token}
      thresholds: {gpuUtilisationPercent: 70, gpuUtilisationWindow: 24h}
      watchNamespaces: [fraud, churn]
      """;

  @Test
  void readsEndpointsTokensThresholdsAndNamespaces(@TempDir Path dir) throws IOException, InvalidConfigException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, VALID);

    OperatorConfig config = OperatorConfigLoader.load(file);

    assertThat(config.prometheus()).containsOnlyKeys("default", "thanos");
    assertThat(config.prometheus().get("default"))
        .isEqualTo(new Endpoint(URI.create("http://prometheus-operated.monitoring:9090"), null));
    assertThat(config.prometheus().get("thanos").url()).isEqualTo(URI.create("https://thanos.monitoring.svc"));
    assertThat(config.mlflow().get("default").url()).isEqualTo(URI.create("http://mlflow.mlflow:5000"));
    assertThat(config.mlflow().get("default").tokenSecretRef()).isEqualTo(new SecretKeyRef("mlflow-reader", null, "token"));
    assertThat(config.mlflow().get("shared").tokenSecretRef()).isEqualTo(new SecretKeyRef("mlflow-reader", "mlflow", "token"));
    assertThat(config.thresholds().gpuUtilisationPercent()).isEqualTo(70.0);
    assertThat(config.thresholds().gpuUtilisationWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(config.thresholds().championAlias()).isEqualTo("champion");
    assertThat(config.watchNamespaces()).containsExactly("fraud", "churn");
  }

  @Test
  void openReportsOutputIsOffUnlessReportsEnabledIsTrue() throws InvalidConfigException {
    assertThat(OperatorConfigLoader.parse("watchNamespaces: []").reportsEnabled()).isFalse();
    assertThat(OperatorConfigLoader.parse("reports: {enabled: false}").reportsEnabled()).isFalse();
    assertThat(OperatorConfigLoader.parse("reports: {enabled: true}").reportsEnabled()).isTrue();
  }

  @Test
  void aReportsSectionThatIsNotABooleanSwitchIsRejectedByPath() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("reports: {enabled: yes-please}"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("reports.enabled must be true or false, got 'yes-please'");
    assertThatThrownBy(() -> OperatorConfigLoader.parse("reports: {enabeld: true}"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("reports.enabeld is not a known key");
  }

  @Test
  void windowInDaysIsAccepted() throws InvalidConfigException {
    OperatorConfig config = OperatorConfigLoader.parse("thresholds: {gpuUtilisationWindow: 7d}");

    assertThat(config.thresholds().gpuUtilisationWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(config.thresholds().promqlWindow()).isEqualTo("7d");
  }

  @Test
  void emptyFileMeansDefaults(@TempDir Path dir) throws IOException, InvalidConfigException {
    Path file = dir.resolve("empty.yaml");
    Files.writeString(file, "");

    OperatorConfig config = OperatorConfigLoader.load(file);

    assertThat(config).isEqualTo(OperatorConfig.EMPTY);
    assertThat(config.prometheus()).isEmpty();
    assertThat(config.thresholds()).isEqualTo(ProbeSettings.DEFAULTS);
    assertThat(config.watchNamespaces()).isEmpty();
  }

  @Test
  void sectionsLeftOutKeepTheirDefaults() throws InvalidConfigException {
    OperatorConfig config = OperatorConfigLoader.parse("integrations:\n  prometheus:\n    default: {url: http://p:9090}\n");

    assertThat(config.mlflow()).isEmpty();
    // a configuration file without a tenancy section gets the fail-closed MLflow ownership rule (issue 19)
    assertThat(config.thresholds()).isEqualTo(ProbeSettings.DEFAULTS.withTenancy(dev.mlops.maturity.probe.Tenancy.DEFAULTS));
  }

  @Test
  void malformedUrlIsRejectedWithItsPath() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("integrations: {prometheus: {default: {url: \"http://prom etheus:9090\"}}}"))
        .isInstanceOf(InvalidConfigException.class)
        // the text is not echoed: a malformed URL may still carry credentials (issue 19)
        .hasMessage("invalid operator configuration: integrations.prometheus.default.url is not a URL");
  }

  @Test
  void nonHttpSchemeIsRejected() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("integrations: {mlflow: {default: {url: \"file:///etc/passwd\"}}}"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("integrations.mlflow.default.url must be an http(s) server root, got 'file:///etc/passwd'");
    assertThatThrownBy(() -> OperatorConfigLoader.parse("integrations: {prometheus: {default: {url: \"ftp://p:21\"}}}"))
        .hasMessageContaining("integrations.prometheus.default.url must be an http(s) server root");
  }

  @Test
  void endpointWithoutUrlIsRejected() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("integrations: {prometheus: {default: {}}}"))
        .hasMessageContaining("integrations.prometheus.default.url must be an http(s) server root, got ''");
  }

  @Test
  void tokenSecretRefNeedsNameAndKey() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse(
        "integrations: {mlflow: {default: {url: \"http://m:5000\", tokenSecretRef: {name: reader}}}}"))
        .hasMessageContaining("integrations.mlflow.default.tokenSecretRef needs name and key");
  }

  @Test
  void basicAuthSecretRefDefaultsToTheKeysOfABasicAuthSecret() throws Exception {
    OperatorConfig config = OperatorConfigLoader.parse("""
        integrations:
          mlflow:
            default: {url: "http://m:5000", basicAuthSecretRef: {name: mlflow-basic}}
          prometheus:
            default: {url: "http://p:9090", basicAuthSecretRef: {name: prom-basic, namespace: monitoring, usernameKey: user, passwordKey: pass}}
        """);

    assertThat(config.mlflow().get("default").basicAuthSecretRef()).isEqualTo(new BasicAuthRef("mlflow-basic", null, "username", "password"));
    assertThat(config.prometheus().get("default").secretKeys()).containsExactly(
        new SecretKeyRef("prom-basic", "monitoring", "user"), new SecretKeyRef("prom-basic", "monitoring", "pass"));
  }

  @Test
  void basicAuthSecretRefNeedsANameAndExcludesATokenSecretRef() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse(
        "integrations: {mlflow: {default: {url: \"http://m:5000\", basicAuthSecretRef: {namespace: mlflow}}}}"))
        .hasMessageContaining("integrations.mlflow.default.basicAuthSecretRef needs name");
    assertThatThrownBy(() -> OperatorConfigLoader.parse("integrations: {mlflow: {default: {url: \"http://m:5000\", "
        + "tokenSecretRef: {name: t, key: token}, basicAuthSecretRef: {name: b}}}}"))
        .hasMessageContaining("integrations.mlflow.default sets both tokenSecretRef and basicAuthSecretRef: choose one");
  }

  @Test
  void badWindowIsRejected() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("thresholds: {gpuUtilisationWindow: a week}"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("thresholds.gpuUtilisationWindow 'a week' is not a duration such as 7d, 24h or 30m");
  }

  @Test
  void percentOutOfRangeIsRejected() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("thresholds: {gpuUtilisationPercent: 160}"))
        .hasMessageContaining("thresholds.gpuUtilisationPercent must be in (0, 100], got 160.0");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("""
        integrations: {prometheus: {default: {url: "ftp://p"}}}
        thresholds: {gpuUtilisationWindow: soon}
        """)).hasMessageContaining("integrations.prometheus.default.url").hasMessageContaining("gpuUtilisationWindow");
  }

  @Test
  void percentMustBeANumber() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("thresholds: {gpuUtilisationPercent: high}"))
        .hasMessageContaining("thresholds.gpuUtilisationPercent must be a number, got 'high'");
  }

  @Test
  void watchNamespacesMustBeAList() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("watchNamespaces: fraud"))
        .hasMessageContaining("watchNamespaces must be a list");
  }

  @Test
  void fileThatIsNotAMapIsRejected() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("just some text"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("the file must be a map");
  }

  @Test
  void endpointsMustBeAMap() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("integrations: {prometheus: [http://p:9090]}"))
        .hasMessageContaining("integrations.prometheus must be a map of endpoint name to {url: ...}");
  }

  @Test
  void invalidYamlIsReported() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("integrations: {prometheus: [unclosed"))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("configuration is not valid YAML");
  }

  @Test
  void unreadableFileIsReported(@TempDir Path dir) {
    assertThatThrownBy(() -> OperatorConfigLoader.load(dir.resolve("missing.yaml")))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("cannot read ");
  }

  @Test
  void withoutAPolicySectionTheDefaultsStopSelfCertification() throws Exception {
    var policy = OperatorConfigLoader.parse("watchNamespaces: []").policy();

    assertThat(policy).isEqualTo(dev.mlops.maturity.evaluation.GovernancePolicy.DEFAULTS);
    assertThat(policy.waivers().requireExpiry()).isTrue();
    assertThat(policy.waivers().maxDuration()).isEqualTo(Duration.ofDays(180));
    assertThat(policy.notApplicable().allow())
        .containsExactlyInAnyOrder("gpu-scheduling", "gpu-utilisation", "spot-capacity", "multi-model-serving");
    assertThat(policy.notApplicable().maxDuration()).isEqualTo(Duration.ofDays(365));
    assertThat(policy.declared().requireReference()).isTrue();
    assertThat(policy.approvalRequired()).isFalse();
  }

  @Test
  void aPolicyIsReadKeyByKeyAndAbsentKeysKeepTheirDefault() throws Exception {
    var policy = OperatorConfigLoader.parse("""
        policy:
          waivers: {requireExpiry: false, maxDuration: 720h, deny: [health-monitoring, model-registry]}
          notApplicable: {allow: [gpu-scheduling], maxDuration: "0"}
          approval: {required: true}
        """).policy();

    assertThat(policy.waivers().requireExpiry()).isFalse();
    assertThat(policy.waivers().maxDuration()).isEqualTo(Duration.ofDays(30));
    assertThat(policy.waivers().deny()).containsExactlyInAnyOrder("health-monitoring", "model-registry");
    assertThat(policy.notApplicable().allow()).containsExactly("gpu-scheduling");
    assertThat(policy.notApplicable().maxDuration()).as("0 is unbounded").isNull();
    assertThat(policy.declared().requireReference()).isTrue();
    assertThat(policy.approvalRequired()).isTrue();
  }

  @Test
  void aBadPolicyIsRejectedWithEveryProblemAndItsPath() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("""
        policy:
          waivers: {requireExpiry: "yes", maxDuration: forever, deny: [no-such-capability]}
          approval: true
        """)).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("policy.waivers.requireExpiry must be true or false")
        .hasMessageContaining("policy.waivers.maxDuration 'forever' is not a duration")
        .hasMessageContaining("policy.waivers.deny: 'no-such-capability' is not a known capability id")
        .hasMessageContaining("policy.approval must be a map");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "intergrations: {}|intergrations is not a known key",
      "thresholds: {gpuUtilisationPercnt: 50}|thresholds.gpuUtilisationPercnt is not a known key",
      "integrations: {mlflow: {default: {url: 'http://m:5000', tokenSecretRef: {name: a, key: b, nmespace: c}}}}|integrations.mlflow.default.tokenSecretRef.nmespace is not a known key",
      "integrations: {prometheus: {default: {urll: 'http://p:9090'}}}|integrations.prometheus.default.urll is not a known key",
      "integrations: {grafana: {}}|integrations.grafana is not a known key"})
  void aMisspeltKeyIsAnErrorNamingItInsteadOfASettingSilentlyIgnored(String yaml, String message) {
    assertThatThrownBy(() -> OperatorConfigLoader.parse(yaml)).isInstanceOf(InvalidConfigException.class).hasMessageContaining(message);
  }

  @Test
  void theLedgerSinkRetentionAndRetryBoundAreAdminSettings() throws InvalidConfigException {
    OperatorConfig config = OperatorConfigLoader.parse(
        "ledger: {maxEntries: 20, sink: {url: \"https://events.example/promotions\", maxAttempts: 3, retryDelay: 5s}}");
    assertThat(config.ledger().maxEntries()).isEqualTo(20);
    assertThat(config.ledger().sinkUrl()).contains(java.net.URI.create("https://events.example/promotions"));
    assertThat(config.ledger().maxAttempts()).isEqualTo(3);
    assertThat(config.ledger().retryDelay()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(OperatorConfigLoader.parse("thresholds: {}").ledger()).isEqualTo(LedgerConfig.DEFAULTS);
  }

  @Test
  void aBadLedgerSettingIsRejectedNamingIt() {
    assertThatThrownBy(() -> OperatorConfigLoader.parse("ledger: {sink: {url: \"ftp://x/y\"}}"))
        .hasMessageContaining("ledger.sink.url must be an http or https URL");
    assertThatThrownBy(() -> OperatorConfigLoader.parse("ledger: {maxEntries: 0}")).hasMessageContaining("ledger.maxEntries must be");
    assertThatThrownBy(() -> OperatorConfigLoader.parse("ledger: {sink: {urll: \"http://x\"}}"))
        .hasMessageContaining("ledger.sink.urll is not a known key");
  }
}
