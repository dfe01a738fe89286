package dev.mlops.maturity.security;

import dev.mlops.maturity.cli.MaturityCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a command of the CLI in-process and keeps its exit code and output. */
record Commands(int exit, String out, String err) {
  static Commands run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MaturityCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Commands(exit, out.toString(), err.toString());
  }
}
