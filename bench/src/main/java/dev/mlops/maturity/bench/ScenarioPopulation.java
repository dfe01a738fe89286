package dev.mlops.maturity.bench;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.assessment.ModelSource;
import dev.mlops.maturity.demo.DemoCluster;
import dev.mlops.maturity.demo.ThirdPartyCrds;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.InvalidModelException;
import dev.mlops.maturity.model.ModelReader;
import dev.mlops.maturity.probe.KindCatalogue;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Fills the in-process API server with one scale's scenario: the CRDs, the bench-model, the generated objects and targets. */
final class ScenarioPopulation {
  private ScenarioPopulation() {}

  static void populate(KubernetesClient admin, SyntheticCluster gen, Path projectRoot) throws Exception {
    DemoCluster.applyCrds(admin, projectRoot.resolve("crds"));
    ThirdPartyCrds.forKinds(KindCatalogue.ALL).forEach(crd -> DemoCluster.applyCrd(admin, crd));
    admin.resource(Serialization.unmarshal(SyntheticCluster.MODEL, GenericKubernetesResource.class)).create();
    createAll(admin, gen.objects());
    createAll(admin, gen.targets());
  }

  /** The built-in models plus the synthetic cluster's bench-model, resolved without reading the cluster. */
  static ModelSource benchModels() {
    MaturityModel model = Serialization.unmarshal(SyntheticCluster.MODEL, MaturityModel.class);
    BuiltInModels builtIns = BuiltInModels.load();
    ModelSource.Resolution bench;
    try {
      bench = ModelSource.Resolution.of(ModelReader.read(model));
    } catch (InvalidModelException e) {
      throw new IllegalStateException("the synthetic bench-model is invalid: " + e.getMessage(), e);
    }
    return name -> name.equals(model.getMetadata().getName()) ? bench
        : builtIns.find(name).map(ModelSource.Resolution::of)
            .orElse(ModelSource.Resolution.problem("UnknownModel", "model '" + name + "' is unknown"));
  }

  private static void createAll(KubernetesClient client, List<GenericKubernetesResource> objects) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      int chunk = Math.max(1, objects.size() / 16);
      for (int i = 0; i < objects.size(); i += chunk) {
        List<GenericKubernetesResource> part = objects.subList(i, Math.min(objects.size(), i + chunk));
        done.add(pool.submit(() -> part.forEach(o -> create(client, o))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Creates the object, then writes its status (the API server drops status on create when it is a subresource). */
  private static void create(KubernetesClient client, GenericKubernetesResource o) {
    GenericKubernetesResource created = client.resource(o).create();
    Object status = o.getAdditionalProperties().get("status");
    if (status != null && !status.equals(created.getAdditionalProperties().get("status"))) {
      created.setAdditionalProperty("status", status);
      client.resource(created).updateStatus();
    }
  }
}
