package dev.mlops.maturity.probe.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IstioRoutesTest {

  private static IstioRoutes routes(String http) {
    return new IstioRoutes(ServingFixtures.yaml(ServingFixtures.virtualService(http)));
  }

  private static String split(Object w1, Object w2) {
    return """
        - route:
          - destination: {host: fraud-detector, subset: v1}
            weight: %s
          - destination: {host: fraud-detector, subset: v2}
            weight: %s
        """.formatted(w1, w2);
  }

  /** Seeded property: a two-way split sends real traffic to both sides exactly when both weights are positive. */
  static Stream<Arguments> seededSplits() {
    Random random = new Random(20261122L);
    return IntStream.range(0, 40).mapToObj(i -> {
      int w1 = random.nextInt(4) == 0 ? 0 : random.nextInt(101);
      int w2 = 100 - w1;
      boolean asString = random.nextBoolean();
      return Arguments.of(asString ? "\"" + w1 + "\"" : String.valueOf(w1), asString ? "\"" + w2 + "\"" : String.valueOf(w2), w1 > 0 && w2 > 0);
    });
  }

  @ParameterizedTest(name = "weights {0}/{1} -> split {2}")
  @MethodSource("seededSplits")
  void aSplitNeedsTwoPositiveWeights(String w1, String w2, boolean isSplit) {
    assertThat(routes(split(w1, w2)).weightedSplits()).hasSize(isSplit ? 1 : 0);
  }

  @Test
  void seededCasesCoverSplitsAndNonSplits() {
    assertThat(seededSplits().map(a -> a.get()[2])).contains(true, false);
  }

  @Test
  void describesTheSplit() {
    assertThat(routes(split(80, 20)).weightedSplits()).containsExactly("http[0] 80% fraud-detector/v1, 20% fraud-detector/v2");
  }

  @Test
  void missingWeightsAndDuplicateDestinationsAreNoSplit() {
    String noWeights = """
        - route:
          - destination: {host: fraud-detector, subset: v1}
          - destination: {host: fraud-detector, subset: v2}
        """;
    assertThat(routes(noWeights).weightedSplits()).isEmpty();
    String sameTwice = split(50, 50).replace("subset: v2", "subset: v1");
    assertThat(routes(sameTwice).weightedSplits()).isEmpty();
  }

  @Test
  void readsEveryMirrorForm() {
    String legacy = """
        - route:
          - destination: {host: fraud-detector, subset: v1}
          mirror: {host: fraud-detector, subset: v2}
          mirrorPercent: 20
        """;
    assertThat(routes(legacy).mirrors()).containsExactly("http[0] mirrors 20% to fraud-detector/v2");
    String defaultPercent = """
        - name: live
          route:
          - destination: {host: fraud-detector, subset: v1}
          mirror: {host: fraud-detector-shadow}
        """;
    assertThat(routes(defaultPercent).mirrors()).containsExactly("http[live] mirrors 100% to fraud-detector-shadow");
    String fractional = defaultPercent.replace("mirror: {host: fraud-detector-shadow}", "mirror: {host: fraud-detector-shadow}\n  mirrorPercentage: {value: 0.5}");
    assertThat(routes(fractional).mirrors()).containsExactly("http[live] mirrors 0.5% to fraud-detector-shadow");
  }

  @Test
  void ignoresMirrorsThatSendNothing() {
    String zero = """
        - route:
          - destination: {host: fraud-detector, subset: v1}
          mirror: {host: fraud-detector, subset: v2}
          mirrorPercentage: {value: "0"}
          mirrors:
          - destination: {host: fraud-detector, subset: v3}
            percentage: {value: 0}
          - destination: {subset: v4}
        """;
    assertThat(routes(zero).mirrors()).isEmpty();
  }
}
