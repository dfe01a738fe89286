package dev.mlops.maturity.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart's README documents every value (generated from the `# --` comments of values.yaml, helm-docs style)
 * and the chart metadata users and Artifact Hub look for. {@code -Dchart.readme.update=true} rewrites the table.
 */
class ChartReadmeTest {
  static final String START = "<!-- values:start (generated from values.yaml by ChartReadmeTest; -Dchart.readme.update=true) -->\n";
  static final String END = "<!-- values:end -->";

  @Test
  void theValuesTableIsGeneratedFromTheValuesComments() throws IOException {
    Path readme = ChartFixture.chart().resolve("README.md");
    String table = ValuesTable.markdown(ValuesTable.rows(ChartFixture.read(ChartFixture.chart().resolve("values.yaml"))));
    String text = ChartFixture.read(readme);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertThat(start).as("README.md has the values markers").isNotNegative();
    String current = text.substring(start + START.length(), end);
    if (Boolean.getBoolean("chart.readme.update")) {
      Files.writeString(readme, text.substring(0, start + START.length()) + table + text.substring(end));
      current = table;
    }

    assertThat(current).as("the chart README's values table; regenerate with "
        + "mvn -B -q test -pl cli -am -Dtest=ChartReadmeTest -Dsurefire.failIfNoSpecifiedTests=false -Dchart.readme.update=true")
        .isEqualTo(table);
  }

  @Test
  void everyTopLevelValueIsDocumented() throws IOException {
    String values = ChartFixture.read(ChartFixture.chart().resolve("values.yaml"));
    List<String> documented = ValuesTable.rows(values).stream().map(ValuesTable.Row::key).toList();
    JsonNode tree = ChartFixture.YAML.readTree(values);

    tree.fields().forEachRemaining(e -> assertThat(documented)
        .as("value %s (or every key below it) is documented", e.getKey())
        .anyMatch(k -> k.equals(e.getKey()) || k.startsWith(e.getKey() + ".")));
  }

  @Test
  void theChartNamesItsHomeSourcesIconAndSupportedKubernetesVersions() throws IOException {
    JsonNode chart = ChartFixture.YAML.readTree(ChartFixture.chart().resolve("Chart.yaml").toFile());

    assertThat(chart.path("home").asText()).startsWith("https://");
    assertThat(chart.path("sources")).isNotEmpty();
    assertThat(chart.path("icon").asText()).startsWith("https://");
    assertThat(chart.path("kubeVersion").asText()).startsWith(">=");
    assertThat(ChartFixture.read(ChartFixture.chart().resolve("README.md")))
        .as("Helm never upgrades crds/: the README says how").contains("## Upgrading the CRDs").contains("kubectl apply --server-side");
  }
}
