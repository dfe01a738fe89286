package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log format of the real process (its own JVM, as in a pod): LOG_FORMAT=json or --log-format json make every
 * stderr log line a JSON object, the command's own error line stays one plain line, stdout stays clean; text by default.
 */
class LogFormatProcessTest {
  @TempDir
  Path dir;
  Path kubeconfig;
  String url;

  record Result(int exit, String out, List<String> err) {}

  @BeforeEach
  void unreachableCluster() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    url = "https://127.0.0.1:" + port + "/";
    kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]
        current-context: c
        users: [{name: u, user: {token: t}}]
        """.formatted(url));
  }

  private Result launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), MaturityCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("LOG_FORMAT");
    builder.environment().remove("LOG_LEVEL");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    Process p = builder.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(p.exitValue(), out, err.get().lines().toList());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void assertJsonLogs(Result run) throws Exception {
    assertThat(run.exit()).as(String.join("\n", run.err())).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    List<String> errors = run.err().stream().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).containsExactly("error: cannot reach the Kubernetes API at " + url + ": connection refused");
    List<String> logs = run.err().stream().filter(l -> !l.startsWith("error: ")).toList();
    assertThat(logs).as("debug logs of the Kubernetes client").isNotEmpty();
    ObjectMapper mapper = new ObjectMapper();
    for (String line : logs) {
      JsonNode json = mapper.readTree(line);
      assertThat(json.isObject()).as(line).isTrue();
      assertThat(json.path("timestamp").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
      assertThat(json.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
      assertThat(json.path("logger").asText()).as(line).isNotBlank();
      assertThat(json.has("message")).as(line).isTrue();
    }
  }

  @Test
  void logFormatJsonFromTheEnvironmentMakesEveryLogLineJson() throws Exception {
    assertJsonLogs(launch(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"), "assess", "--kubeconfig", kubeconfig.toString()));
  }

  @Test
  void theLogFormatOptionMakesEveryLogLineJson() throws Exception {
    assertJsonLogs(launch(Map.of("LOG_LEVEL", "debug"), "assess", "--log-format", "json", "--kubeconfig", kubeconfig.toString()));
  }

  @Test
  void textIsTheDefaultAndReadable() throws Exception {
    Result run = launch(Map.of("LOG_LEVEL", "debug"), "assess", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exit()).isEqualTo(2);
    List<String> logs = run.err().stream().filter(l -> !l.startsWith("error: ")).toList();
    assertThat(logs).isNotEmpty().anySatisfy(l -> assertThat(l)
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} \\[[^]]+] DEBUG \\w+ - .*"));
    assertThat(logs).noneMatch(l -> l.startsWith("{"));
  }

  @Test
  void atTheDefaultLevelAFailedAssessPrintsOnlyItsErrorLine() throws Exception {
    Result run = launch(Map.of("LOG_FORMAT", "json"), "assess", "--kubeconfig", kubeconfig.toString());

    assertThat(run.err()).containsExactly("error: cannot reach the Kubernetes API at " + url + ": connection refused");
  }

  @Test
  void anUnknownLogFormatIsAUsageError() throws Exception {
    Result run = launch(Map.of(), "assess", "--log-format", "xml", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--log-format must be text or json, got 'xml'");
  }
}
