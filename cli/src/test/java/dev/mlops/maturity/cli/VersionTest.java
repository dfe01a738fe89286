package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One version string everywhere: the jar (`--version`), the chart's version and appVersion (the image tag). */
class VersionTest {

  @Test
  void theJarTheChartAndTheImageTagCarryTheSameVersion() throws IOException {
    Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    JsonNode chart = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("helm/mlops-maturity-operator/Chart.yaml").toFile());
    String version = VersionProvider.version();

    assertThat(version).as("the filtered version resource").matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    assertThat(chart.path("version").asText()).isEqualTo(version);
    assertThat(chart.path("appVersion").asText()).as("the image tag defaults to appVersion").isEqualTo(version);

    StringWriter out = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertThat(cli.execute("--version")).isZero();
    assertThat(out.toString().strip()).isEqualTo("mlops-maturity-operator " + version);
  }
}
