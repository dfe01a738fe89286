package dev.mlops.maturity.assessment;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.InvalidModelException;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.ModelReader;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * Finds the model a target names: a built-in one (a MaturityModel cannot replace a built-in id), else a
 * MaturityModel resource read through the ClusterView (informer cache in the operator, a LIST in assess).
 */
public final class ClusterModels implements ModelSource {
  /** Custom models are watched like any probe kind, so editing one re-evaluates the targets. */
  public static final ResourceKind KIND =
      new ResourceKind(MaturityTarget.GROUP, MaturityTarget.VERSION, "MaturityModel", "maturitymodels", false);

  private final BuiltInModels builtIn;
  private final ClusterView cluster;

  public ClusterModels(BuiltInModels builtIn, ClusterView cluster) {
    this.builtIn = builtIn;
    this.cluster = cluster;
  }

  @Override
  public Resolution resolve(String name) {
    String id = name == null || name.isBlank() ? BuiltInModels.DEFAULT : name;
    Optional<MaturityModelDefinition> known = builtIn.find(id);
    if (known.isPresent()) {
      return Resolution.of(known.get());
    }
    Listing models = cluster.list(KIND, null);
    if (!models.served()) {
      return Resolution.problem("UnknownModel", "model '" + id + "' is not built in (" + String.join(", ", BuiltInModels.IDS)
          + ") and MaturityModel resources cannot be read: " + models.reason());
    }
    Optional<GenericKubernetesResource> found = models.items().stream()
        .filter(m -> m.getMetadata() != null && id.equals(m.getMetadata().getName())).findFirst();
    if (found.isEmpty()) {
      return Resolution.problem("UnknownModel", "model '" + id + "' is neither built in (" + String.join(", ", BuiltInModels.IDS)
          + ") nor a MaturityModel in the cluster: create it or fix spec.model");
    }
    try {
      MaturityModel model = Serialization.jsonMapper().convertValue(found.get(), MaturityModel.class);
      return Resolution.of(ModelReader.read(model));
    } catch (InvalidModelException e) {
      return Resolution.problem("InvalidModel", e.getMessage());
    } catch (IllegalArgumentException e) {
      return Resolution.problem("InvalidModel", "MaturityModel '" + id + "' cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
