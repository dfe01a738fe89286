package dev.mlops.maturity.assessment;

import dev.mlops.maturity.evaluation.SpecProblem;
import dev.mlops.maturity.model.MaturityModelDefinition;
import java.util.Optional;

/** Where a target's model comes from: the built-ins, then MaturityModel resources. */
public interface ModelSource {
  /** The model named by {@code spec.model} (blank means the default), or the problem that says what to fix. */
  Resolution resolve(String name);

  record Resolution(Optional<MaturityModelDefinition> model, Optional<SpecProblem> problem) {
    public static Resolution of(MaturityModelDefinition model) {
      return new Resolution(Optional.of(model), Optional.empty());
    }

    public static Resolution problem(String reason, String message) {
      return new Resolution(Optional.empty(), Optional.of(new SpecProblem("spec.model", reason, message)));
    }
  }
}
