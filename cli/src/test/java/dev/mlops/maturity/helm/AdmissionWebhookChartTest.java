package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The admission webhook the chart renders with `admission.enabled` (off by default). */
class AdmissionWebhookChartTest {
  /** Kinds the probes read that controllers, kubelets or the operator itself write all the time: the webhook does not watch them. */
  static final Set<String> NOT_ADMITTED = Set.of("/pods", "/nodes", "batch/jobs", "argoproj.io/workflows", "argoproj.io/analysisruns", "tekton.dev/pipelineruns",
      "maturity.mlops.dev/maturityledgers",
      "kueue.x-k8s.io/workloads");

  static List<HasMetadata> render(Map<String, Object> sets) {
    return ChartFixture.parse(ChartFixture.template(null, sets));
  }

  static List<String> args(List<HasMetadata> objects) {
    return ChartFixture.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
  }

  @Test
  void offByDefault() {
    List<HasMetadata> objects = ChartFixture.render();
    assertThat(ChartFixture.ofType(objects, ValidatingWebhookConfiguration.class)).isEmpty();
    assertThat(args(objects)).doesNotContain("--admission-port");
  }

  @Test
  void withCertManagerTheWebhookIsSafeByConstruction() {
    List<HasMetadata> objects = render(Map.of("admission.enabled", true, "admission.certManager.enabled", true));

    ValidatingWebhookConfiguration config = ChartFixture.single(objects, ValidatingWebhookConfiguration.class);
    assertThat(config.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", ChartFixture.NAMESPACE + "/" + ChartFixture.FULLNAME + "-admission");
    ValidatingWebhook webhook = config.getWebhooks().get(0);
    assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
    assertThat(webhook.getTimeoutSeconds()).isBetween(1, 5);
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    assertThat(webhook.getNamespaceSelector().getMatchExpressions()).singleElement().satisfies(e -> {
      assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
      assertThat(e.getOperator()).isEqualTo("NotIn");
      assertThat(e.getValues()).contains(ChartFixture.NAMESPACE, "kube-system");
    });
    assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo("/validate");
    String serviceName = webhook.getClientConfig().getService().getName();
    Service service = ChartFixture.named(objects, Service.class, serviceName);
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("https-webhook"));

    GenericKubernetesResource certificate = ChartFixture.ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> "Certificate".equals(o.getKind())).findFirst().orElseThrow();
    assertThat(certificate.getApiVersion()).isEqualTo("cert-manager.io/v1");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) certificate.getAdditionalProperties().get("spec");
    assertThat(String.valueOf(spec.get("privateKey"))).contains("encoding=PKCS8");
    assertThat(String.valueOf(spec.get("dnsNames"))).contains(serviceName + "." + ChartFixture.NAMESPACE + ".svc");
    assertThat(ChartFixture.ofType(objects, GenericKubernetesResource.class)).anyMatch(o -> "Issuer".equals(o.getKind()));

    Deployment deployment = ChartFixture.single(objects, Deployment.class);
    assertThat(args(objects)).containsSequence("--admission-port", "9443").containsSequence("--admission-tls-dir", "/etc/mlops-maturity-admission");
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .anyMatch(v -> v.getSecret() != null && spec.get("secretName").equals(v.getSecret().getSecretName()));
  }

  @Test
  void theRulesCoverTheKindsPeopleWriteThatTheProbesRead() {
    ValidatingWebhook webhook = ChartFixture.single(render(Map.of("admission.enabled", true, "admission.certManager.enabled", true)),
        ValidatingWebhookConfiguration.class).getWebhooks().get(0);
    Set<String> admitted = new TreeSet<>();
    for (RuleWithOperations rule : webhook.getRules()) {
      assertThat(rule.getOperations()).containsExactlyInAnyOrder("CREATE", "UPDATE", "DELETE");
      rule.getApiGroups().forEach(g -> rule.getResources().forEach(r -> admitted.add(g + "/" + r)));
    }
    Set<String> expected = new TreeSet<>();
    for (ResourceKind kind : KindCatalogue.ALL) {
      expected.add(kind.group() + "/" + kind.plural());
    }
    expected.removeAll(NOT_ADMITTED);
    expected.addAll(Set.of("maturity.mlops.dev/maturitytargets", "maturity.mlops.dev/maturitymodels"));
    assertThat(admitted).isEqualTo(expected);
  }

  @Test
  void withoutCertManagerAnExistingSecretAndCaBundleAreNeeded() {
    assertThatThrownBy(() -> ChartFixture.template(null, Map.of("admission.enabled", true)))
        .hasMessageContaining("admission.tlsSecretName and admission.caBundle");

    List<HasMetadata> objects = render(Map.of("admission.enabled", true, "admission.tlsSecretName", "webhook-tls", "admission.caBundle", "TFMwdExTMUNSVWRKVGk="));
    ValidatingWebhook webhook = ChartFixture.single(objects, ValidatingWebhookConfiguration.class).getWebhooks().get(0);
    assertThat(webhook.getClientConfig().getCaBundle()).isEqualTo("TFMwdExTMUNSVWRKVGk=");
    assertThat(ChartFixture.ofType(objects, GenericKubernetesResource.class)).noneMatch(o -> "Certificate".equals(o.getKind()));
    assertThat(ChartFixture.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
        .anyMatch(v -> v.getSecret() != null && "webhook-tls".equals(v.getSecret().getSecretName()));
  }

  @Test
  void aTimeoutAboveFiveSecondsIsRejectedAndTheNetworkPolicyLetsTheApiServerIn() {
    assertThatThrownBy(() -> ChartFixture.template(null, Map.of("admission.enabled", true, "admission.certManager.enabled", true,
        "admission.timeoutSeconds", 10))).hasMessageContaining("timeoutSeconds");

    NetworkPolicy policy = ChartFixture.single(render(Map.of("admission.enabled", true, "admission.certManager.enabled", true,
        "networkPolicy.enabled", true)), NetworkPolicy.class);
    assertThat(policy.getSpec().getIngress()).anyMatch(i -> i.getPorts().stream().anyMatch(p -> "https-webhook".equals(p.getPort().getStrVal())));
  }
}
