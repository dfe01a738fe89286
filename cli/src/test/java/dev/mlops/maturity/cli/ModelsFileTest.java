package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `models -f` validates a MaturityModel file and lists it, showing exercisedWithin. */
class ModelsFileTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir
  Path dir;

  private int run(String... args) {
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void listsTheExampleModelWithItsWindow() {
    assertThat(run("models", "-f", ROOT.resolve("examples/models/retrained-recently.yaml").toString())).as(err.toString()).isZero();

    assertThat(out.toString()).startsWith("retrained-recently: Manual, Versioned, Retrained recently")
        .containsPattern("  1 Versioned +model-registry, model-versioning\\n")
        .containsPattern("  2 Retrained recently +training-pipeline \\(exercised within 14d\\)");
  }

  @Test
  void anInvalidWindowIsExitTwoNamingLevelAndCapability() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, Files.readString(ROOT.resolve("examples/models/retrained-recently.yaml")).replace("exercisedWithin: 14d",
        "exercisedWithin: 0d"));

    assertThat(run("models", "-f", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("maturity model 'retrained-recently' is invalid: level 2 requires training-pipeline: "
        + "exercisedWithin '0d' is not a positive duration");
    assertThat(out.toString()).isEmpty();
  }
}
