package dev.mlops.maturity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the peer a user would pick instead of the operator: this project's own one-shot
 * {@code assess -A -o json} in a fresh JVM, as a CronJob starts it, against the bench's API server
 * (a kubeconfig whose bearer token names it "audit" in the server's traffic counts).
 */
final class AuditProcess {
  static final String IDENTITY = "audit";
  private static final String MAIN = "dev.mlops.maturity.cli.MaturityCommand";

  /**
   * @param cpuSeconds the child's CPU time: from the kernel's count of reaped children's time
   *     (/proc/self/stat cutime+cstime), else the last ProcessHandle sample before it exited
   * @param levels observed level per namespace/name, as the run printed them
   */
  record Run(long startNs, long endNs, double cpuSeconds, Map<String, Integer> levels, Traffic.Snapshot traffic, int exitCode) {
    double seconds() {
      return (endNs - startNs) / 1e9;
    }
  }

  private final List<String> command;
  private final Path output;
  private final ApiServer api;

  AuditProcess(ApiServer api, Path projectRoot, Path workDir) throws IOException {
    this.api = api;
    Files.createDirectories(workDir);
    Path kubeconfig = workDir.resolve("kubeconfig");
    Files.writeString(kubeconfig, kubeconfig(api.url()));
    this.output = workDir.resolve("assess.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path jar = projectRoot.resolve("cli/target/mlops-maturity-operator.jar");
    command = new ArrayList<>(Files.isRegularFile(jar) ? List.of(java, "-jar", jar.toAbsolutePath().toString())
        : List.of(java, "-cp", System.getProperty("java.class.path"), MAIN)); // tests run before the CLI jar is packaged
    command.addAll(List.of("assess", "-A", "--kubeconfig", kubeconfig.toString(), "-o", "json"));
  }

  List<String> command() {
    return List.copyOf(command);
  }

  static String kubeconfig(String url) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: " + url + "\n    insecure-skip-tls-verify: true\n"
        + "users:\n- name: audit\n  user:\n    token: " + IDENTITY + "\ncontexts:\n- name: bench\n  context:\n    cluster: bench\n    user: audit\n"
        + "    namespace: default\ncurrent-context: bench\n";
  }

  Run run(Duration timeout) throws IOException, InterruptedException {
    Traffic.Snapshot before = api.traffic(IDENTITY);
    double childrenBefore = ChildrenCpu.seconds();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(output.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Duration sampled = Duration.ZERO;
    long deadline = start + timeout.toNanos();
    while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
      sampled = p.toHandle().info().totalCpuDuration().orElse(sampled);
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        p.waitFor();
        break;
      }
    }
    long end = System.nanoTime();
    double reaped = ChildrenCpu.seconds() - childrenBefore;
    double cpu = reaped > 0 ? reaped : sampled.toNanos() / 1e9;
    return new Run(start, end, cpu, levels(output), api.traffic(IDENTITY).minus(before), p.exitValue());
  }

  private static Map<String, Integer> levels(Path output) throws IOException {
    Map<String, Integer> levels = new HashMap<>();
    if (Files.size(output) == 0) {
      return levels;
    }
    JsonNode root = Serialization.jsonMapper().readTree(output.toFile());
    for (JsonNode a : root.path("assessments")) {
      if (a.hasNonNull("observedLevel")) {
        levels.put(BenchRunner.key(a.path("namespace").asText(), a.path("name").asText()), a.get("observedLevel").asInt());
      }
    }
    return levels;
  }
}
