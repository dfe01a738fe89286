package dev.mlops.maturity.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.probe.Answer;
import dev.mlops.maturity.probe.prometheus.HttpPrometheusApi;
import dev.mlops.maturity.probe.prometheus.PrometheusApi.ScrapeTarget;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An answer that says nothing is not an answer that says "none": only an explicit empty list is an empty result. */
class EmptyAnswersTest {
  private final FakeHttpSource prometheus = FakeHttpSource.start();

  @AfterEach
  void stop() {
    prometheus.close();
  }

  @Test
  void aTargetsAnswerWithoutTheListIsUnparsableNotEmpty() {
    prometheus.mode = FakeHttpSource.Mode.EMPTY;
    Answer<List<ScrapeTarget>> answer = new HttpPrometheusApi("p", prometheus.root()).activeTargets();
    assertThat(answer).isInstanceOf(Answer.Failed.class);
    assertThat(((Answer.Failed<List<ScrapeTarget>>) answer).reason()).contains("unparsable");
  }

  @Test
  void anExplicitlyEmptyTargetListIsAnEmptyResult() {
    prometheus.mode = FakeHttpSource.Mode.NO_TARGETS;
    assertThat(new HttpPrometheusApi("p", prometheus.root()).activeTargets()).isEqualTo(Answer.ok(List.of()));
  }
}
