package dev.mlops.maturity.probe.delivery;

import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What delivers the workload's serving objects: Argo CD Applications and Flux owners (PROBES.md
 * b.13). Shared by the delivery probes and the audit-trail probe so they agree on "delivered by".
 *
 * @param servingObjects the bound serving objects (Deployment, StatefulSet, Rollout, InferenceService, Seldon Model/Experiment)
 * @param argoCd Applications (any namespace) that list a serving object in {@code status.resources} or track it
 * @param flux Flux owners named by a serving object's {@code kustomize|helm.toolkit.fluxcd.io/name|namespace} labels
 */
public record WorkloadDelivery(List<GenericKubernetesResource> servingObjects, List<ArgoCdDelivery> argoCd, List<FluxDelivery> flux) {

  /** The serving kinds of PROBES.md 0.2 that a GitOps tool delivers. */
  public static final List<ResourceKind> SERVING_KINDS = List.of(
      KindCatalogue.DEPLOYMENT, KindCatalogue.STATEFUL_SET, KindCatalogue.ROLLOUT, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.SELDON_MODEL, KindCatalogue.SELDON_EXPERIMENT);

  /** Every kind {@link #resolve} lists. */
  public static final Set<ResourceKind> READS = Set.copyOf(concat(SERVING_KINDS,
      List.of(KindCatalogue.APPLICATION, KindCatalogue.FLUX_KUSTOMIZATION, KindCatalogue.FLUX_HELM_RELEASE)));

  public static final String KUSTOMIZE_NAME = "kustomize.toolkit.fluxcd.io/name";
  public static final String KUSTOMIZE_NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";
  public static final String HELM_NAME = "helm.toolkit.fluxcd.io/name";
  public static final String HELM_NAMESPACE = "helm.toolkit.fluxcd.io/namespace";

  /** An Application delivering some of the serving objects, and how each was matched. */
  public record ArgoCdDelivery(GenericKubernetesResource application, List<String> objects, String how) {
    public String reference() {
      return ProbeContext.ref(application);
    }
  }

  /**
   * A Flux owner named by a serving object's labels. {@code owner} is null when the labels name an
   * object that does not exist (a stale label after the Kustomization or HelmRelease was deleted).
   */
  public record FluxDelivery(ResourceKind ownerKind, String ownerNamespace, String ownerName, GenericKubernetesResource owner, String object) {
    public String reference() {
      return ownerKind.reference(ownerNamespace, ownerName);
    }

    public boolean suspended() {
      return owner != null && Fields.isTrue(owner, "spec", "suspend");
    }

    /** Ready=True, or no status yet reported (a freshly applied owner). */
    public boolean ready() {
      return Fields.condition(owner, "Ready").map(c -> "True".equals(Fields.string(c, "status").orElse(null))).orElse(true);
    }

    /** The Ready condition's reason and message, for a Missing note. */
    public String readiness() {
      return Fields.condition(owner, "Ready")
          .map(c -> (Fields.string(c, "reason").orElse("") + " " + Fields.string(c, "message").orElse("")).trim()).orElse("");
    }
  }

  /** Lists the serving objects and the GitOps objects, recording every read in {@code scan}. */
  public static WorkloadDelivery resolve(ProbeContext ctx, ProviderScan scan) {
    List<GenericKubernetesResource> serving = servingObjects(ctx, scan);
    List<GenericKubernetesResource> apps = scan.read(ctx.cluster().list(KindCatalogue.APPLICATION, null));
    Listing kustomizations = ctx.cluster().list(KindCatalogue.FLUX_KUSTOMIZATION, null);
    Listing helmReleases = ctx.cluster().list(KindCatalogue.FLUX_HELM_RELEASE, null);
    scan.read(kustomizations);
    scan.read(helmReleases);

    List<ArgoCdDelivery> argo = new ArrayList<>();
    ArgoCdCandidates candidates = ArgoCdCandidates.of(serving);
    for (GenericKubernetesResource app : apps) {
      if (!candidates.mayDeliver(app)) {
        continue; // every target reads every Application: the cheap test keeps this linear per target
      }
      List<String> objects = new ArrayList<>();
      Set<String> how = new LinkedHashSet<>();
      for (GenericKubernetesResource object : serving) {
        if (ArgoCdApplications.listsResource(app, object)) {
          objects.add(ProbeContext.ref(object));
          how.add("status.resources");
        } else {
          ArgoCdApplications.tracking(app, object).ifPresent(t -> {
            objects.add(ProbeContext.ref(object));
            how.add(t);
          });
        }
      }
      if (!objects.isEmpty()) {
        argo.add(new ArgoCdDelivery(app, objects, String.join(", ", how)));
      }
    }

    List<FluxDelivery> flux = new ArrayList<>();
    for (GenericKubernetesResource object : serving) {
      fluxOwner(object, KUSTOMIZE_NAME, KUSTOMIZE_NAMESPACE, kustomizations).ifPresent(flux::add);
      fluxOwner(object, HELM_NAME, HELM_NAMESPACE, helmReleases).ifPresent(flux::add);
    }
    return new WorkloadDelivery(serving, argo, flux);
  }

  /** The bound serving objects; a failed read is recorded in {@code scan}, a kind that is not installed is skipped. */
  public static List<GenericKubernetesResource> servingObjects(ProbeContext ctx, ProviderScan scan) {
    List<GenericKubernetesResource> serving = new ArrayList<>();
    for (ResourceKind kind : SERVING_KINDS) {
      serving.addAll(SupportingReads.read(scan, ctx.bound(kind)));
    }
    return serving;
  }

  public boolean delivered() {
    return !argoCd.isEmpty() || !flux.isEmpty();
  }

  /** "Deployment fraud/a, InferenceService fraud/b" for messages. */
  public String servingSummary() {
    return servingObjects.stream().map(ProbeContext::ref).reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private static Optional<FluxDelivery> fluxOwner(GenericKubernetesResource object, String nameLabel, String nsLabel, Listing owners) {
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels == null || labels.get(nameLabel) == null || labels.get(nsLabel) == null || !owners.served()) {
      return Optional.empty();
    }
    String name = labels.get(nameLabel);
    String ns = labels.get(nsLabel);
    GenericKubernetesResource owner = owners.items().stream()
        .filter(o -> name.equals(o.getMetadata().getName()) && Objects.equals(ns, o.getMetadata().getNamespace()))
        .findFirst().orElse(null);
    return Optional.of(new FluxDelivery(owners.kind(), ns, name, owner, ProbeContext.ref(object)));
  }

  private static List<ResourceKind> concat(List<ResourceKind> a, List<ResourceKind> b) {
    List<ResourceKind> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
