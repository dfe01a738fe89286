package dev.mlops.maturity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Source;
import dev.mlops.maturity.model.BuiltInModels;
import dev.mlops.maturity.model.Level;
import dev.mlops.maturity.model.MaturityModelDefinition;
import dev.mlops.maturity.model.Requirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style checks of the level rule over random evidence (seeded, so a failure names its seed and
 * replays exactly). The expectations are computed here straight from the model's requirements, not
 * through the evaluator's own helpers.
 */
class LevelEvaluatorPropertiesTest {
  private static final int SEEDS = 500;
  private static final CapabilityState[] STATES = CapabilityState.values();

  static Stream<Arguments> seeds() {
    return BuiltInModels.IDS.stream().flatMap(model -> IntStream.range(0, SEEDS).mapToObj(seed -> Arguments.of(model, seed)));
  }

  /** Satisfied most of the time so that high levels are reached too. */
  private static CapabilityState randomState(Random random) {
    return random.nextInt(100) < 65 ? CapabilityState.Satisfied : STATES[random.nextInt(STATES.length)];
  }

  private static Map<String, Evidence> randomEvidence(MaturityModelDefinition model, Random random) {
    Map<String, Evidence> evidence = new LinkedHashMap<>();
    for (String id : model.capabilities()) {
      if (random.nextInt(20) == 0) {
        continue; // sometimes no evidence at all
      }
      CapabilityState state = randomState(random);
      Source source = random.nextBoolean() ? Source.OBSERVED : Source.DECLARED;
      evidence.put(id, new Evidence(id, state, source, List.of(), id + " " + state));
    }
    return evidence;
  }

  private static PreviousEvaluation randomPrevious(MaturityModelDefinition model, Random random) {
    return random.nextInt(4) == 0
        ? PreviousEvaluation.NONE
        : new PreviousEvaluation(random.nextInt(model.topLevel() + 1), random.nextBoolean());
  }

  private static boolean stateHolds(Map<String, Evidence> evidence, String id) {
    Evidence e = evidence.get(id);
    return e != null && (e.state() == CapabilityState.Satisfied || e.state() == CapabilityState.Waived
        || e.state() == CapabilityState.NotApplicable);
  }

  private static boolean isMissing(Map<String, Evidence> evidence, String id) {
    Evidence e = evidence.get(id);
    return e != null && e.state() == CapabilityState.Missing;
  }

  /** The first level (counting up from 1) with a requirement none of whose members satisfies {@code ok}. */
  private static int firstBlockedLevel(MaturityModelDefinition model, Predicate<String> ok) {
    for (Level level : model.levels()) {
      for (Requirement r : level.requires()) {
        if (r.anyOf().stream().noneMatch(ok)) {
          return level.number();
        }
      }
    }
    return model.topLevel() + 1;
  }

  private static MaturityModelDefinition model(String id) {
    return Workload.model(id);
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeds")
  void strictLevelIsTheHighestLevelWhoseRequirementsAndAllBelowHold(String modelId, int seed) {
    MaturityModelDefinition model = model(modelId);
    Map<String, Evidence> evidence = randomEvidence(model, new Random(seed));

    LevelOutcome a = LevelEvaluator.evaluate(model, evidence, 0, PreviousEvaluation.NONE);

    int blocked = firstBlockedLevel(model, id -> stateHolds(evidence, id));
    assertThat(a.strictLevel()).as("strict level").isEqualTo(blocked - 1);
    // no previous level: nothing to hold, observed is the strict level
    assertThat(a.observedLevel()).isEqualTo(a.strictLevel());
    assertThat(a.transition()).isEqualTo(LevelTransition.INITIAL);
    // every requirement of every level up to the observed one is held by some member
    for (int l = 1; l <= a.observedLevel(); l++) {
      for (Requirement r : model.level(l).requires()) {
        assertThat(r.anyOf()).as("level %d requirement %s", l, r.describe()).anyMatch(id -> stateHolds(evidence, id));
      }
    }
    if (a.observedLevel() < model.topLevel()) {
      List<String> unmet = model.level(a.observedLevel() + 1).requires().stream()
          .filter(r -> r.anyOf().stream().noneMatch(id -> stateHolds(evidence, id)))
          .map(Requirement::describe).toList();
      assertThat(unmet).isNotEmpty();
      assertThat(a.nextLevel().orElseThrow().missing()).containsExactlyElementsOf(unmet);
    } else {
      assertThat(a.nextLevel()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeds")
  void withAPreviousLevelMissingStillBoundsTheLevelAndUnknownNeverRaisesIt(String modelId, int seed) {
    MaturityModelDefinition model = model(modelId);
    Random random = new Random(seed);
    Map<String, Evidence> evidence = randomEvidence(model, random);
    PreviousEvaluation previous = randomPrevious(model, random);

    LevelOutcome a = LevelEvaluator.evaluate(model, evidence, 0, previous);

    assertThat(a.observedLevel()).as("observed >= strict").isGreaterThanOrEqualTo(a.strictLevel());
    // a requirement whose members are all proven Missing (or have no evidence... which is Unknown) caps the level
    int cappedByMissing = firstBlockedLevel(model, id -> !isMissing(evidence, id)) - 1;
    assertThat(a.observedLevel()).as("never above a level with a Missing requirement").isLessThanOrEqualTo(cappedByMissing);
    // above the strict level only by holding a previous level, never by raising
    if (a.observedLevel() > a.strictLevel()) {
      assertThat(previous.level()).isNotNull();
      assertThat(a.observedLevel()).isLessThanOrEqualTo(previous.level());
      assertThat(a.degraded()).isTrue();
    }
    switch (a.transition()) {
      case INITIAL -> assertThat(previous.level()).isNull();
      case RAISED -> assertThat(a.observedLevel()).isGreaterThan(previous.level()).isEqualTo(a.strictLevel());
      case UNCHANGED -> assertThat(a.observedLevel()).isEqualTo(previous.level()).isEqualTo(a.strictLevel());
      case HELD -> {
        assertThat(a.observedLevel()).isEqualTo(previous.level()).isGreaterThan(a.strictLevel());
        assertThat(a.regressionCauses()).isEmpty();
      }
      case REGRESSED -> {
        assertThat(a.observedLevel()).isLessThan(previous.level());
        assertThat(a.regressionCauses()).isNotEmpty();
        assertThat(a.regressed()).isTrue();
      }
    }
    if (previous.level() == null) {
      assertThat(a.observedLevel()).isEqualTo(a.strictLevel());
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeds")
  void makingOneMoreCapabilitySatisfiedNeverLowersTheLevel(String modelId, int seed) {
    MaturityModelDefinition model = model(modelId);
    Random random = new Random(seed);
    Map<String, Evidence> evidence = randomEvidence(model, random);
    PreviousEvaluation previous = randomPrevious(model, random);
    List<String> notSatisfied = model.capabilities().stream()
        .filter(id -> evidence.get(id) == null || evidence.get(id).state() != CapabilityState.Satisfied)
        .toList();
    if (notSatisfied.isEmpty()) {
      return;
    }
    String flipped = notSatisfied.get(random.nextInt(notSatisfied.size()));
    Map<String, Evidence> better = new LinkedHashMap<>(evidence);
    better.put(flipped, Evidence.satisfied(flipped, "now seen", List.of()));

    LevelOutcome before = LevelEvaluator.evaluate(model, evidence, 0, previous);
    LevelOutcome after = LevelEvaluator.evaluate(model, better, 0, previous);

    assertThat(after.strictLevel()).as("strict level after satisfying %s", flipped)
        .isGreaterThanOrEqualTo(before.strictLevel());
    assertThat(after.observedLevel()).as("observed level after satisfying %s", flipped)
        .isGreaterThanOrEqualTo(before.observedLevel());
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeds")
  void evaluationIsDeterministic(String modelId, int seed) {
    MaturityModelDefinition model = model(modelId);
    Random random = new Random(seed);
    Map<String, Evidence> evidence = randomEvidence(model, random);
    PreviousEvaluation previous = randomPrevious(model, random);
    // same content, different insertion order
    List<String> keys = new ArrayList<>(evidence.keySet());
    Collections.shuffle(keys, new Random(seed * 31L + 7));
    Map<String, Evidence> reordered = new LinkedHashMap<>();
    keys.forEach(k -> reordered.put(k, evidence.get(k)));

    LevelOutcome first = LevelEvaluator.evaluate(model, evidence, 2, previous);
    LevelOutcome again = LevelEvaluator.evaluate(model, new LinkedHashMap<>(evidence), 2, previous);
    LevelOutcome shuffled = LevelEvaluator.evaluate(model, reordered, 2, previous);

    assertThat(again).isEqualTo(first);
    assertThat(shuffled).isEqualTo(first);
  }
}
