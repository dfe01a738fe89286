package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart ships the generated CRDs unchanged (STYLE.md idiom 8). */
class HelmCrdSyncTest {
  private static final String RESYNC = "the chart's CRDs drifted from crds/; re-sync with: "
      + "rm helm/mlops-maturity-operator/crds/* && cp crds/*.yml helm/mlops-maturity-operator/crds/";

  @Test
  void theChartCrdsAreIdenticalToTheGeneratedCrds() throws IOException {
    Path repoCrds = ChartFixture.projectRoot().resolve("crds");
    Path chartCrds = ChartFixture.chart().resolve("crds");

    List<String> generated = fileNames(repoCrds);
    assertThat(generated).as("generated CRDs").isNotEmpty();
    assertThat(fileNames(chartCrds)).as(RESYNC).isEqualTo(generated);
    for (String name : generated) {
      assertThat(Files.readString(chartCrds.resolve(name))).as(RESYNC + " (" + name + ")")
          .isEqualTo(Files.readString(repoCrds.resolve(name)));
    }
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
