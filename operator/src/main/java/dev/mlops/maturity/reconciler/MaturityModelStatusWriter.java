package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityModel;
import dev.mlops.maturity.api.v1alpha1.MaturityModelStatus;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.InvalidModelException;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.ModelReader;
import dev.mlops.maturity.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates each custom MaturityModel and publishes the verdict on it: {@code status.valid},
 * {@code status.problems} (what to fix) and a Ready condition; an invalid model is also logged once
 * per change. Targets naming an invalid model get Ready=False from their own reconciler; built-in
 * models are not resources and a custom model cannot replace one (the built-in wins by name).
 */
public final class MaturityModelStatusWriter implements Reconciler<MaturityModel> {
  private static final Logger log = LoggerFactory.getLogger(MaturityModelStatusWriter.class);
  private static final int MAX_MESSAGE = 1024;

  private final Clock clock;

  public MaturityModelStatusWriter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public UpdateControl<MaturityModel> reconcile(MaturityModel model, Context<MaturityModel> context) {
    MaturityModelStatus next = status(model);
    MaturityModelStatus current = model.getStatus();
    if (current != null && Objects.equals(current.valid, next.valid) && Objects.equals(current.problems, next.problems)
        && Objects.equals(current.observedGeneration, next.observedGeneration) && sameConditions(current.conditions, next.conditions)) {
      return UpdateControl.noUpdate();
    }
    if (!Boolean.TRUE.equals(next.valid)) {
      log.warn("MaturityModel {} is rejected: {}", model.getMetadata().getName(), String.join("; ", next.problems));
    }
    MaturityModel fresh = new MaturityModel();
    fresh.setMetadata(new ObjectMetaBuilder().withName(model.getMetadata().getName())
        .withResourceVersion(model.getMetadata().getResourceVersion()).build());
    fresh.setStatus(next);
    return UpdateControl.patchStatus(fresh);
  }

  /** The status a model deserves; lastTransitionTime kept while Ready does not flip. */
  MaturityModelStatus status(MaturityModel model) {
    String name = model.getMetadata().getName();
    Long generation = model.getMetadata().getGeneration();
    List<String> problems = new ArrayList<>();
    String detail = null;
    if (BuiltInModels.IDS.contains(name)) {
      problems.add("'" + name + "' is the name of a built-in model: targets naming it use the built-in one; rename this model");
    } else {
      try {
        MaturityModelDefinition definition = ModelReader.read(model);
        detail = "levels 0.." + definition.topLevel() + ", " + definition.capabilities().size() + " capabilities";
      } catch (InvalidModelException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException e) {
        problems.add("the model cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    MaturityModelStatus s = new MaturityModelStatus();
    s.observedGeneration = generation;
    s.valid = problems.isEmpty();
    s.problems = problems;
    Condition ready = problems.isEmpty()
        ? Conditions.of(Conditions.READY, true, "Valid", "the model is valid: " + detail, generation)
        : Conditions.of(Conditions.READY, false, BuiltInModels.IDS.contains(name) ? "ShadowedByBuiltIn" : "InvalidModel",
            truncate(String.join("; ", problems)), generation);
    List<Condition> previous = model.getStatus() == null ? List.of() : model.getStatus().conditions;
    s.conditions = Conditions.merge(previous, List.of(ready), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    return s;
  }

  private static boolean sameConditions(List<Condition> a, List<Condition> b) {
    if (a == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Condition x = a.get(i);
      Condition y = b.get(i);
      if (!Objects.equals(x.getType(), y.getType()) || !Objects.equals(x.getStatus(), y.getStatus())
          || !Objects.equals(x.getReason(), y.getReason()) || !Objects.equals(x.getMessage(), y.getMessage())
          || !Objects.equals(x.getObservedGeneration(), y.getObservedGeneration())) {
        return false;
      }
    }
    return true;
  }

  private static String truncate(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
