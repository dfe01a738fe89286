package dev.mlops.maturity.probe.serving;

import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.probe.AbstractProbe;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.ProbeContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code multi-model-serving} (platform scope, PROBES.md b.23): many models share serving
 * infrastructure. Providers, across all namespaces: a Seldon Core 2 Server with two or more loaded
 * models; a KServe multi-model ServingRuntime used by an InferenceService, or an InferenceService
 * on ModelMesh; two or more KServe TrainedModels on one InferenceService.
 */
public final class MultiModelServingProbe extends AbstractProbe {
  public static final String CAPABILITY = "multi-model-serving";
  private static final String MODEL_MESH = "ModelMesh";

  public MultiModelServingProbe() {
    super(CAPABILITY, Set.of(KindCatalogue.SELDON_SERVER, KindCatalogue.SERVING_RUNTIME, KindCatalogue.INFERENCE_SERVICE, KindCatalogue.TRAINED_MODEL));
  }

  @Override
  public Evidence evaluate(ProbeContext ctx) {
    ServingScan scan = new ServingScan(ctx, CAPABILITY);
    for (GenericKubernetesResource server : scan.clusterWide(KindCatalogue.SELDON_SERVER)) {
      long loaded = TrafficWeight.at(server, "status", "loadedModels").map(Double::longValue).orElse(0L);
      if (loaded >= 2) {
        scan.found(server, "Seldon Server " + qualified(server) + " has " + loaded + " loaded models");
      } else {
        scan.seen("Seldon Server " + qualified(server) + " has " + loaded + " loaded model(s)");
      }
    }
    List<GenericKubernetesResource> isvcs = scan.clusterWide(KindCatalogue.INFERENCE_SERVICE);
    for (GenericKubernetesResource runtime : scan.clusterWide(KindCatalogue.SERVING_RUNTIME)) {
      if (!Fields.isTrue(runtime, "spec", "multiModel")) {
        continue;
      }
      List<String> users = isvcs.stream().filter(i -> uses(i, runtime)).map(ServingScan::name).toList();
      if (users.isEmpty()) {
        scan.seen("multi-model ServingRuntime " + qualified(runtime) + " is used by no InferenceService");
      } else {
        scan.found(runtime, "multi-model ServingRuntime " + qualified(runtime) + " serves " + String.join(", ", users));
      }
    }
    for (GenericKubernetesResource isvc : isvcs) {
      if (new KServeTraffic(isvc).deploymentMode().map(MODEL_MESH::equalsIgnoreCase).orElse(false)) {
        scan.found(isvc, "InferenceService " + qualified(isvc) + " runs on ModelMesh");
      }
    }
    Map<String, List<String>> modelsByIsvc = new LinkedHashMap<>();
    for (GenericKubernetesResource tm : scan.clusterWide(KindCatalogue.TRAINED_MODEL)) {
      Fields.string(tm, "spec", "inferenceService").ifPresent(isvc ->
          modelsByIsvc.computeIfAbsent(KindCatalogue.INFERENCE_SERVICE.reference(tm.getMetadata().getNamespace(), isvc), k -> new ArrayList<>())
              .add(ServingScan.name(tm)));
    }
    modelsByIsvc.forEach((isvcRef, models) -> {
      if (models.size() >= 2) {
        scan.found(isvcRef, isvcRef.substring(isvcRef.indexOf(' ') + 1) + " hosts " + models.size() + " TrainedModels");
      } else {
        scan.seen(isvcRef + " hosts one TrainedModel");
      }
    });
    return scan.verdict("no shared multi-model serving (Seldon Server with 2+ models, KServe ModelMesh or multi-model runtime, 2+ TrainedModels per InferenceService)");
  }

  /** The InferenceService names the runtime ({@code spec.predictor.model.runtime}) or was placed on it (status). */
  private static boolean uses(GenericKubernetesResource isvc, GenericKubernetesResource runtime) {
    if (!Objects.equals(isvc.getMetadata().getNamespace(), runtime.getMetadata().getNamespace())) {
      return false;
    }
    String name = ServingScan.name(runtime);
    Optional<String> named = Fields.string(isvc, "spec", "predictor", "model", "runtime");
    Optional<String> placed = Fields.string(isvc, "status", "servingRuntimeName");
    return named.map(name::equals).orElse(false) || placed.map(name::equals).orElse(false);
  }

  private static String qualified(GenericKubernetesResource r) {
    String ns = r.getMetadata().getNamespace();
    return (ns == null || ns.isEmpty() ? "" : ns + "/") + r.getMetadata().getName();
  }
}
