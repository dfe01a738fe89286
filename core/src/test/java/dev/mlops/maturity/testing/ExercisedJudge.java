package dev.mlops.maturity.testing;

import dev.mlops.maturity.evaluation.ExercisedWindow;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.model.ExerciseWindow;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Judges one capability's evidence as a model requiring it with {@code exercisedWithin: window} would, at the clock's time. */
public final class ExercisedJudge {
  private ExercisedJudge() {}

  public static MaturityModelDefinition oneLevel(String capability, String window) {
    Requirement r = Requirement.of(capability).exercisedWithin(ExerciseWindow.parse(window).orElseThrow());
    return new MaturityModelDefinition("exercised-test", "", List.of(new Level(0, "None", "", List.of(), List.of()),
        new Level(1, "Exercised", "", List.of(r), List.of())), Set.of());
  }

  public static Evidence judged(Evidence e, String window, Clock clock) {
    return ExercisedWindow.apply(oneLevel(e.capability(), window), Map.of(e.capability(), e), clock.instant()).get(e.capability());
  }
}
