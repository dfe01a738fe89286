package dev.mlops.maturity.assessment;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.InvalidModelException;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.ModelReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models a target may name: the built-ins, then valid MaturityModel resources. A custom model
 * cannot shadow a built-in id; an invalid one is remembered with its problems so targets naming it
 * get a precise reason.
 */
public final class ModelCatalog {
  private final Map<String, MaturityModelDefinition> valid = new LinkedHashMap<>();
  private final Map<String, List<String>> invalid = new LinkedHashMap<>();

  public ModelCatalog(BuiltInModels builtIns, Collection<MaturityModel> custom) {
    builtIns.all().forEach(m -> valid.put(m.id(), m));
    for (MaturityModel resource : custom) {
      String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
      if (name != null && BuiltInModels.IDS.contains(name)) {
        invalid.put(name + " (custom)", List.of("a MaturityModel cannot replace built-in model " + name));
        continue;
      }
      try {
        MaturityModelDefinition def = ModelReader.read(resource);
        valid.put(def.id(), def);
      } catch (InvalidModelException e) {
        invalid.put(name, e.problems());
      }
    }
  }

  public static ModelCatalog builtInOnly() {
    return new ModelCatalog(BuiltInModels.load(), List.of());
  }

  public Optional<MaturityModelDefinition> find(String id) {
    return Optional.ofNullable(valid.get(id));
  }

  /** Why a model id cannot be used, or empty when it can. */
  public Optional<SpecProblem> problem(String id) {
    if (valid.containsKey(id)) {
      return Optional.empty();
    }
    if (invalid.containsKey(id)) {
      return Optional.of(new SpecProblem("spec.model", "InvalidModel",
          "MaturityModel " + id + " is invalid: " + String.join("; ", invalid.get(id))));
    }
    return Optional.of(new SpecProblem("spec.model", "UnknownModel", "model '" + id
        + "' is neither built in (" + String.join(", ", BuiltInModels.IDS) + ") nor a MaturityModel in the cluster"));
  }

  /** Invalid custom models and their problems (for their own status). */
  public Map<String, List<String>> invalidModels() {
    return Map.copyOf(invalid);
  }
}
