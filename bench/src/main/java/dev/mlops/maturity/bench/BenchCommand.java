package dev.mlops.maturity.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `bench`: the benchmark of issue 6 against an in-process mock API server on 127.0.0.1 — convergence
 * vs a naive LIST-per-reconcile baseline, detection latency vs a bare informer, idle API load,
 * memory with and without pruning, evaluation cost, at several scales. Prints a table, writes JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = dev.mlops.maturity.cli.VersionProvider.class,
    description = "Benchmark the operator on a synthetic cluster in an in-process API server; prints a table and writes a JSON report.")
public class BenchCommand implements Callable<Integer> {
  /** The bench jar's entry point: the benchmark ships in its own jar, not in the operator's runtime jar. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new BenchCommand()).execute(args));
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--targets", paramLabel = "N", description = "MaturityTargets at scale 1 (default: 1000; --quick: 100).")
  Integer targets;

  @Option(names = "--objects", paramLabel = "M", description = "Cluster objects at scale 1 (default: 20000; --quick: 2000).")
  Integer objects;

  @Option(names = "--scales", split = ",", paramLabel = "X", description = "Multipliers of the default size (default: 0.25,0.5,1,2; --quick: 1).")
  List<Double> scales;

  @Option(names = "--samples", paramLabel = "N", description = "Detection-latency changes per scale (default: 200; --quick: 30).")
  Integer samples;

  @Option(names = "--idle-seconds", paramLabel = "S", description = "Idle window for counting API requests (default: 30; --quick: 5).")
  Integer idleSeconds;

  @Option(names = "--naive-budget-seconds", paramLabel = "S",
      description = "How long the naive baseline runs before its total is extrapolated (default: 20; --quick: 5).")
  Integer naiveBudget;

  @Option(names = "--audit-changes", paramLabel = "N",
      description = "Changes the scheduled audit (assess -A in a fresh JVM) must detect per scale (default: 10; --quick: 2).")
  Integer auditChanges;

  @Option(names = "--audit-period-minutes", paramLabel = "N", description = "The scheduled audit's period the comparison is given for (default: 5).")
  Integer auditPeriodMinutes;

  @Option(names = "--audit-max-scale", paramLabel = "X",
      description = "The largest scale the scheduled audit runs at (default: 2): the in-process API server scans its whole store"
          + " per collection LIST, so a 10x audit run would take hours and measure that scan.")
  Double auditMaxScale;

  @Option(names = "--quick", description = "A CI-sized run: 100 targets / 2000 objects, one scale, 30 samples.")
  boolean quick;

  @Option(names = "--project-root", paramLabel = "DIR", defaultValue = ".", description = "Where crds/ is (default: the current directory).")
  Path projectRoot;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench-results/report.json", description = "JSON report (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    // the figures are on stdout; the operator's own log (a line per target's first level) stays at warnings
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    // the in-process API server's event loop is busy serialising 40,000-object LISTs at 2x: expected here, not news
    System.setProperty("org.slf4j.simpleLogger.log.io.vertx.core.impl.BlockedThreadChecker", "error");
    PrintWriter w = spec.commandLine().getOut();
    BenchSettings base = quick ? BenchSettings.quick() : BenchSettings.defaults();
    BenchSettings settings = new BenchSettings(
        targets != null ? targets : base.targets(),
        objects != null ? objects : base.objects(),
        scales != null && !scales.isEmpty() ? List.copyOf(scales) : base.scales(),
        samples != null ? samples : base.latencySamples(),
        idleSeconds != null ? Duration.ofSeconds(idleSeconds) : base.idle(),
        naiveBudget != null ? Duration.ofSeconds(naiveBudget) : base.naiveBudget(),
        base.convergenceTimeout(), base.reconcileThreads(), projectRoot,
        auditChanges != null ? auditChanges : base.auditChanges(),
        auditPeriodMinutes != null ? Duration.ofMinutes(auditPeriodMinutes) : base.auditPeriod(),
        auditMaxScale != null ? auditMaxScale : base.auditMaxScale());
    if (!Files.isDirectory(settings.projectRoot().resolve("crds"))) {
      spec.commandLine().getErr().println("no crds/ under " + settings.projectRoot().toAbsolutePath() + "; pass --project-root");
      return 2;
    }
    // the whole command line as typed (picocli keeps the parent's arguments, "bench" included)
    List<String> command = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (command.isEmpty() || !"bench".equals(command.get(0))) {
      command.add(0, "bench");
    }
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Map<String, Object> report = Bench.run(settings, command, line -> {
      w.println(line);
      w.flush();
    }, partial -> {
      try {
        Files.writeString(out, Bench.json(partial)); // the scales done so far, in case a larger one is stopped
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    w.println();
    w.print(Bench.table(report));
    Files.writeString(out, Bench.json(report));
    w.println("report written to " + out);
    w.flush();
    return 0;
  }
}
