package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.delivery.SupportingReads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code feature-store} (PROBES.md b.17), with training/serving parity: a Feast {@code FeatureStore}
 * (feast.dev/v1) in the target namespace with {@code status.phase: Ready}, whose client ConfigMap
 * ({@code status.clientConfigMap}, default {@code feast-<name>-client}) or registry Service (the first label of
 * {@code status.serviceHostnames.registry}, named in an env value) is referenced by both a bound serving
 * pod template (Deployment, StatefulSet, Rollout, InferenceService) and a bound training template (Argo
 * WorkflowTemplate/CronWorkflow, Tekton Pipeline inline tasks, CronJob). A Ready store that only one side uses is
 * Missing ("serving and training do not share ..."); a store that is not Ready is Missing with its phase.
 * SaaS feature stores (Tecton, Hopsworks, SageMaker, Vertex) are not visible in-cluster.
 */
public final class FeatureStoreProbe extends AbstractProbe {
  public static final String CAPABILITY = "feature-store";

  static final List<ResourceKind> SERVING = List.of(KindCatalogue.DEPLOYMENT, KindCatalogue.STATEFUL_SET, KindCatalogue.ROLLOUT, KindCatalogue.INFERENCE_SERVICE);
  static final List<ResourceKind> TRAINING = List.of(KindCatalogue.WORKFLOW_TEMPLATE, KindCatalogue.CRON_WORKFLOW, KindCatalogue.TEKTON_PIPELINE, KindCatalogue.CRON_JOB);

  public FeatureStoreProbe() {
    super(CAPABILITY, Stream.of(SERVING, TRAINING, List.of(KindCatalogue.FEATURE_STORE)).flatMap(List::stream).collect(Collectors.toSet()));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ProviderScan scan = new ProviderScan(CAPABILITY);
    List<GenericKubernetesResource> stores = scan.read(ctx.inNamespace(KindCatalogue.FEATURE_STORE));
    if (stores.isEmpty()) {
      return scan.verdict("", "no Feast FeatureStore in namespace " + ctx.target().namespace());
    }
    List<GenericKubernetesResource> serving = boundOf(ctx, scan, SERVING);
    List<GenericKubernetesResource> training = boundOf(ctx, scan, TRAINING);
    for (GenericKubernetesResource store : stores) {
      String ref = ProbeContext.ref(store);
      String phase = Fields.string(store, "status", "phase").orElse("");
      if (!"Ready".equals(phase)) {
        scan.seen(ref + " is " + (phase.isEmpty() ? "not reporting a phase" : phase));
        continue;
      }
      String client = Fields.string(store, "status", "clientConfigMap").filter(s -> !s.isBlank())
          .orElse("feast-" + store.getMetadata().getName() + "-client");
      String registry = Fields.string(store, "status", "serviceHostnames", "registry").map(h -> h.split("[.:]")[0]).orElse(null);
      Predicate<PodTemplateReferences> usesStore = refs -> refs.configMaps().contains(client) || refs.mentions(registry);
      List<String> servingUsers = users(serving, usesStore, PodTemplateReferences::ofServing);
      List<String> trainingUsers = users(training, usesStore, PodTemplateReferences::ofTraining);
      if (!servingUsers.isEmpty() && !trainingUsers.isEmpty()) {
        scan.found(ref);
        scan.found(servingUsers.get(0) + " and " + trainingUsers.get(0) + " use " + client);
      } else {
        scan.seen(ref + " is Ready but serving and training do not share " + client
            + " (serving: " + (servingUsers.isEmpty() ? "none" : String.join(", ", servingUsers))
            + "; training: " + (trainingUsers.isEmpty() ? "none" : String.join(", ", trainingUsers)) + ")");
      }
    }
    return scan.verdict("serving and training read the same Feast feature store", "no shared Ready feature store");
  }

  private static List<GenericKubernetesResource> boundOf(ProbeContext ctx, ProviderScan scan, List<ResourceKind> kinds) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    kinds.forEach(k -> out.addAll(SupportingReads.read(scan, ctx.bound(k))));
    return out;
  }

  private static List<String> users(List<GenericKubernetesResource> objects, Predicate<PodTemplateReferences> usesStore,
      Function<GenericKubernetesResource, PodTemplateReferences> references) {
    return objects.stream().filter(o -> usesStore.test(references.apply(o))).map(ProbeContext::ref).toList();
  }
}
