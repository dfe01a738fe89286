package dev.mlops.maturity.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one runnable jar: run (the operator), assess (one-shot, for CI), demo (embedded), models. */
@Command(
    name = "mlops-maturity-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Measures the MLOps maturity of ML workloads from live cluster state.",
    subcommands = {AssessCommand.class, DemoCommand.class, ModelsCommand.class, RunCommand.class})
public class MaturityCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--log-format", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "Log lines on stderr as text or json (one JSON object per line) (default: $LOG_FORMAT, else text).")
  void logFormat(String value) {
    LogOutput.use(LogFormat.parse(value).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
        "--log-format must be text or json, got '" + value + "'")));
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, for callers (and tests) that set their own output streams. */
  public static CommandLine commandLine() {
    return new CommandLine(new MaturityCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
