package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir
  Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new MaturityCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void aBadOperatorConfigurationExitsTwoAndSaysWhatToFix() throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), "integrations:\n  prometheus:\n    default: {url: ftp://nowhere}\n");

    assertThat(run("run", "--config", config.toString(), "--no-leader-election")).isEqualTo(2);
    assertThat(err.toString()).contains("error: ").contains("integrations.prometheus.default.url");
  }

  @Test
  void aMissingConfigurationFileExitsTwo() {
    assertThat(run("run", "--config", dir.resolve("absent.yaml").toString(), "--no-leader-election")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read").contains("absent.yaml");
  }

  @Test
  void anUnreadableKubeconfigExitsTwo() {
    assertThat(run("run", "--kubeconfig", dir.resolve("nope").toString(), "--no-leader-election")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read kubeconfig");
  }

  @Test
  void anOutOfRangeMetricsPortExitsTwo() {
    assertThat(run("run", "--metrics-port", "70000", "--no-leader-election")).isEqualTo(2);
    assertThat(err.toString()).contains("--metrics-port");
  }

  @Test
  void aWatchOutageGraceThatIsNotADurationOrTooShortExitsTwo() {
    for (String bad : new String[] {"soon", "60", "-1s", "500ms"}) {
      err.getBuffer().setLength(0);
      assertThat(run("run", "--watch-outage-grace", bad, "--no-leader-election")).as(bad).isEqualTo(2);
      assertThat(err.toString()).contains("--watch-outage-grace", "'" + bad + "'");
    }
  }

  @Test
  void runIsASubcommandWithItsOptions() {
    CommandLine cli = new CommandLine(new MaturityCommand());
    CommandLine run = cli.getSubcommands().get("run");
    assertThat(run).isNotNull();
    assertThat(run.getCommandSpec().optionsMap()).containsKeys("--kubeconfig", "--config", "--namespaces", "--metrics-port",
        "--leader-election-namespace", "--no-leader-election", "--watch-outage-grace");
  }
}
