package dev.mlops.maturity.helm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' promtool (Debian package prometheus); required in CI, skipped locally without it. */
final class Promtool {
  record Result(int exitCode, String output) {}

  private Promtool() {}

  static Path locate() {
    for (String candidate : List.of("/usr/bin/promtool", "/usr/local/bin/promtool")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "promtool");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    boolean ci = System.getenv("CI") != null && !System.getenv("CI").isEmpty();
    if (ci) {
      throw new AssertionError("promtool is not installed; CI must install the prometheus package");
    }
    assumeTrue(false, "promtool is not installed (apt-get install prometheus); CI runs these tests");
    return null;
  }

  static Result run(Path workingDirectory, String... args) {
    List<String> command = new ArrayList<>();
    command.add(locate().toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool did not finish: " + command);
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
