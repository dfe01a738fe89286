package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.admission.AdmissionEvaluator;
import dev.mlops.maturity.admission.AdmissionReviewHandler;
import dev.mlops.maturity.admission.AdmissionServer;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.TargetAssessor;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.ExternalSources;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the admission webhook over the operator's own cluster view; a TLS identity that cannot be read fails the start. */
final class AdmissionWebhook {
  private static final Logger log = LoggerFactory.getLogger(AdmissionWebhook.class);

  private AdmissionWebhook() {}

  static AdmissionServer start(OperatorOptions.Admission admission, KubernetesClient client, ClusterView cluster, ExternalSources external,
      TargetAssessor assessor) {
    AdmissionEvaluator evaluator = new AdmissionEvaluator(cluster, external, assessor, BuiltInModels.load(), namespace -> {
      var targets = client.resources(MaturityTarget.class);
      return namespace == null ? targets.inAnyNamespace().list().getItems() : targets.inNamespace(namespace).list().getItems();
    });
    try {
      AdmissionServer server = AdmissionServer.start("0.0.0.0", admission.port(), admission.tlsDir().resolve("tls.crt"),
          admission.tlsDir().resolve("tls.key"), new AdmissionReviewHandler(evaluator));
      log.info("admission webhook on https port {}{}", server.port(), AdmissionServer.PATH);
      return server;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot start the admission webhook with the TLS files in " + admission.tlsDir() + ": " + e.getMessage(), e);
    }
  }
}
