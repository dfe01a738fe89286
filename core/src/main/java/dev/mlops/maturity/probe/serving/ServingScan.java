package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Exercise;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import dev.mlops.maturity.probe.ProviderScan;
import dev.mlops.maturity.probe.ResourceKind;
import dev.mlops.maturity.probe.delivery.WorkloadDelivery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One serving probe's pass over a workload: which serving objects are bound to it (PROBES.md 0.2),
 * what was found, and the verdict. Every read goes through the {@link ProviderScan}, so a forbidden
 * or missing kind makes the verdict Unknown unless another provider satisfies the capability.
 */
final class ServingScan {
  private static final int MAX_DETAILS = 3;

  private final ProbeContext ctx;
  private final ProviderScan scan;
  private final Set<String> references = new LinkedHashSet<>();
  private final List<String> details = new ArrayList<>();
  private Set<String> boundDeployments;
  private Set<String> boundServices;

  ServingScan(ProbeContext ctx, String capability) {
    this.ctx = ctx;
    this.scan = new ProviderScan(capability);
  }

  /** What was seen of the capability's runs (see {@link ProviderScan#exercised}). */
  void exercised(Exercise seen) {
    scan.exercised(seen);
  }

  /** Rollouts whose labels match the selector, or whose {@code spec.workloadRef} names a bound Deployment. */
  List<GenericKubernetesResource> rollouts() {
    return scan.read(ctx.inNamespace(KindCatalogue.ROLLOUT)).stream()
        .filter(r -> ctx.isBound(r) || refersToBoundDeployment(r, "spec", "workloadRef"))
        .toList();
  }

  /** Flagger Canaries whose labels match the selector, or whose {@code spec.targetRef} names a bound Deployment. */
  List<GenericKubernetesResource> flaggerCanaries() {
    return scan.read(ctx.inNamespace(KindCatalogue.FLAGGER_CANARY)).stream()
        .filter(c -> ctx.isBound(c) || refersToBoundDeployment(c, "spec", "targetRef"))
        .toList();
  }

  /** InferenceServices whose labels match the selector or whose name is the registered model's. */
  List<GenericKubernetesResource> inferenceServices() {
    String model = ctx.target().registeredModel();
    return scan.read(ctx.inNamespace(KindCatalogue.INFERENCE_SERVICE)).stream()
        .filter(i -> ctx.isBound(i) || (model != null && model.equals(i.getMetadata().getName())))
        .toList();
  }

  List<GenericKubernetesResource> virtualServices() {
    return bound(KindCatalogue.VIRTUAL_SERVICE);
  }

  /**
   * HTTPRoutes whose labels match the selector, or that send traffic to a Service whose labels match it
   * (upstream routes seldom carry the workload's labels; the Services they name usually do).
   */
  List<GenericKubernetesResource> httpRoutes() {
    return scan.read(ctx.inNamespace(KindCatalogue.HTTP_ROUTE)).stream()
        .filter(r -> ctx.isBound(r) || new GatewayRoutes(r).backendServices().stream().anyMatch(boundServiceNames()::contains))
        .toList();
  }

  /**
   * Flux HelmReleases (any namespace) named by the {@code helm.toolkit.fluxcd.io/name|namespace} labels
   * helm-controller puts on the serving objects it installs. The serving objects are read only when a
   * HelmRelease exists.
   */
  List<GenericKubernetesResource> helmReleases() {
    List<GenericKubernetesResource> releases = scan.read(ctx.cluster().list(KindCatalogue.FLUX_HELM_RELEASE, null));
    if (releases.isEmpty()) {
      return releases;
    }
    Set<String> owners = new LinkedHashSet<>();
    for (GenericKubernetesResource object : WorkloadDelivery.servingObjects(ctx, scan)) {
      Map<String, String> labels = object.getMetadata().getLabels();
      if (labels != null && labels.get(WorkloadDelivery.HELM_NAME) != null) {
        owners.add(labels.getOrDefault(WorkloadDelivery.HELM_NAMESPACE, object.getMetadata().getNamespace()) + "/" + labels.get(WorkloadDelivery.HELM_NAME));
      }
    }
    return releases.stream().filter(h -> owners.contains(h.getMetadata().getNamespace() + "/" + name(h))).toList();
  }

  List<GenericKubernetesResource> seldonExperiments() {
    return bound(KindCatalogue.SELDON_EXPERIMENT);
  }

  /** Objects of a kind in the target namespace, whether bound or not (e.g. AnalysisTemplates a Rollout names). */
  List<GenericKubernetesResource> inNamespace(ResourceKind kind) {
    return scan.read(ctx.inNamespace(kind));
  }

  /** Objects of a cluster-scoped kind. */
  List<GenericKubernetesResource> clusterWide(ResourceKind kind) {
    return scan.read(ctx.cluster().list(kind, null));
  }

  private List<GenericKubernetesResource> bound(ResourceKind kind) {
    return scan.read(ctx.bound(kind));
  }

  private boolean refersToBoundDeployment(GenericKubernetesResource r, String... refPath) {
    String kind = Fields.string(r, concat(refPath, "kind")).orElse("");
    String name = Fields.string(r, concat(refPath, "name")).orElse(null);
    if (!"Deployment".equals(kind) || name == null) {
      return false;
    }
    return boundDeploymentNames().contains(name);
  }

  // Read only when some object refers to a Deployment, so an installed-nowhere verdict stays Unknown.
  private Set<String> boundDeploymentNames() {
    if (boundDeployments == null) {
      boundDeployments = scan.read(ctx.bound(KindCatalogue.DEPLOYMENT)).stream()
          .map(d -> d.getMetadata().getName())
          .collect(Collectors.toSet());
    }
    return boundDeployments;
  }

  // Read only when a route is not bound by its own labels, like the Deployments above.
  private Set<String> boundServiceNames() {
    if (boundServices == null) {
      boundServices = scan.read(ctx.bound(KindCatalogue.SERVICE)).stream()
          .map(d -> d.getMetadata().getName())
          .collect(Collectors.toSet());
    }
    return boundServices;
  }

  private static String[] concat(String[] path, String last) {
    String[] out = Arrays.copyOf(path, path.length + 1);
    out[path.length] = last;
    return out;
  }

  /** The object shows the capability; {@code detail} says how, for the verdict message. */
  void found(GenericKubernetesResource r, String detail) {
    found(ProbeContext.ref(r), detail);
  }

  void found(String reference, String detail) {
    if (references.add(reference)) {
      scan.found(reference);
    }
    if (detail != null && !details.contains(detail)) {
      details.add(detail);
    }
  }

  /** An extra reference on a satisfied verdict (e.g. an abort that shows the rollback was exercised). */
  void alsoSaw(String reference) {
    if (references.add(reference)) {
      scan.found(reference);
    }
  }

  /** Something relevant that does not satisfy the capability, shown on a Missing verdict. */
  void seen(String note) {
    scan.seen(note);
  }

  Evidence verdict(String missingMessage) {
    String message = details.size() <= MAX_DETAILS
        ? String.join("; ", details)
        : String.join("; ", details.subList(0, MAX_DETAILS)) + "; and " + (details.size() - MAX_DETAILS) + " more";
    return scan.verdict(message, missingMessage);
  }

  static String name(GenericKubernetesResource r) {
    return r.getMetadata().getName();
  }
}
