package dev.mlops.maturity.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.reconciler.MockCluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image tarball Jib built (-Pimage) unpacked layer by layer and started from its own config, so the
 * artifact the chart deploys is the one tested: the chart's command, a non-root user, only the image's
 * own libraries, {@code run --help}, then {@code run} against an HTTPS API server until /readyz answers
 * and a target's retraining schedule is found and written to its status, then SIGTERM.
 */
class ImageTarballTest {
  private static final Path ROOT_DIR = Path.of(System.getProperty("project.root", ".."));
  private static Path dir;
  private static OciArchive archive;
  private static UnpackedImage image;

  @BeforeAll
  static void unpack() throws IOException {
    Path tarball = Path.of(System.getProperty("image.tar", "target/mlops-maturity-operator-0.1.0-image.tar"));
    assertThat(tarball).as("build the image first: mvn -B package -Pimage").isRegularFile();
    dir = Files.createTempDirectory("image-rootfs");
    archive = OciArchive.read(tarball);
    image = archive.unpack(dir.resolve("rootfs"));
  }

  @AfterAll
  static void clean() throws IOException {
    UnpackedImage.deleteTree(dir);
  }

  @Test
  void theConfigStartsTheChartsCommandAsANonRootUserAndTheChartNamesTheImage() throws IOException {
    String deployment = Files.readString(ROOT_DIR.resolve("helm/mlops-maturity-operator/templates/deployment.yaml"));
    Matcher command = Pattern.compile("(?m)^\\s*command: \\[(.*)]\\s*$").matcher(deployment);
    assertThat(command.find()).as("the chart's container command").isTrue();
    assertThat(image.config.entrypoint()).isEqualTo(Arrays.stream(command.group(1).split(",")).map(String::trim).toList());
    Matcher firstArg = Pattern.compile("(?m)^\\s*args:\\s*\\n\\s*- (\\S+)").matcher(deployment);
    assertThat(firstArg.find()).isTrue();
    assertThat(image.config.cmd()).containsExactly(firstArg.group(1));

    assertThat(image.config.uid()).as("numeric, so Kubernetes can verify runAsNonRoot: " + image.config.user()).isPositive();
    assertThat(image.config.user()).isEqualTo("65532:65532");

    String values = Files.readString(ROOT_DIR.resolve("helm/mlops-maturity-operator/values.yaml"));
    String chart = Files.readString(ROOT_DIR.resolve("helm/mlops-maturity-operator/Chart.yaml"));
    String repository = find(values, "(?m)^image:\\s*\\n(?:\\s+#.*\\n)*\\s+repository: (\\S+)");
    String appVersion = find(chart, "(?m)^appVersion: \"?([^\"\\s]+)\"?");
    assertThat(archive.reference).as("the reference the chart pulls by default").isEqualTo(repository + ":" + appVersion);
    assertThat(image.config.labels()).containsEntry("org.opencontainers.image.version", appVersion);
  }

  @Test
  void tmpIsWritableForEveryoneAndTheJarIsWhereTheCommandNamesIt() {
    assertThat(image.entries.get("tmp")).satisfies(e -> {
      assertThat(e.type()).isEqualTo('5');
      assertThat(e.mode() & 0777).isEqualTo(0777);
    });
    assertThat(image.entries).containsKey("app/mlops-maturity-operator.jar");
    assertThat(image.entries.get("etc/passwd")).isNotNull();
    assertThat(image.hostPath("/etc/passwd")).content().contains(":65532:65532:");
  }

  @Test
  void theJavaOnThePathAndEveryJvmLibraryLinkOnlyTheImagesOwnLibraries() throws Exception {
    Path java = image.hostPath(image.executable("java"));
    assertThat(UnpackedImage.interpreter(java)).isEqualTo("/lib64/ld-linux-x86-64.so.2");
    List<Path> elves = new ArrayList<>(List.of(java));
    try (var libs = Files.walk(image.hostPath("/opt/java/lib"))) {
      libs.filter(p -> p.toString().endsWith(".so")).forEach(elves::add);
    }
    assertThat(elves).as("libjvm, libjava, libnet, libnio, libzip, ...").hasSizeGreaterThan(6);
    for (Path elf : elves) {
      List<String> command = new ArrayList<>(image.loader(java));
      // libjvm.so sits in the runtime's lib/server, where the launcher loads it from before the other libraries
      command.set(2, command.get(2) + ":" + image.hostPath("/opt/java/lib/server"));
      command.addAll(List.of("--list", elf.toString()));
      String out = run(new ProcessBuilder(command), 30);
      assertThat(out).as(elf.toString()).doesNotContain("not found");
      for (String line : out.lines().filter(l -> l.contains("=> /")).toList()) {
        assertThat(line.substring(line.indexOf("=> ") + 3)).as(elf + " links " + line).startsWith(image.root.toString());
      }
    }
  }

  @Test
  void runHelpPrintsTheUsageOfTheCommandTheChartRuns() throws Exception {
    String out = run(image.process(List.of("run", "--help")), 120);
    assertThat(out).contains("Usage: mlops-maturity-operator run").contains("--metrics-port").contains("--leader-election-namespace");
  }

  @Test
  void runAgainstAnApiServerAnswersReadyzReconcilesATargetAndStopsOnSigterm() throws Exception {
    try (ImageApiServer cluster = ImageApiServer.start()) {
      // in the pod the kubeconfig would be the service account; here a file in the image's writable /tmp
      cluster.writeKubeconfig(image.hostPath("/tmp/kubeconfig"));
      int port = freePort();
      Process operator = image.process(List.of("run", "--kubeconfig", "/tmp/kubeconfig", "--no-leader-election",
          "--metrics-port", String.valueOf(port))).redirectErrorStream(true).start();
      StringBuffer output = drain(operator.getInputStream());
      try {
        HttpClient http = HttpClient.newHttpClient();
        awaitOrFail(Duration.ofMinutes(2), output, () -> !operator.isAlive() || status(http, port, "/readyz") == 200);
        assertThat(operator.isAlive()).as(output.toString()).isTrue();
        assertThat(status(http, port, "/healthz")).isEqualTo(200);
        assertThat(mappedLibraries(operator.pid())).as("shared objects the running JVM mapped").isNotEmpty()
            .allSatisfy(lib -> assertThat(lib).startsWith(image.root.toString()));

        cluster.createTwoTeams();
        cluster.create(MockCluster.target("team-a", "fraud", 2, MockCluster.FRAUD));
        // the CronWorkflow seen through the informers, probed and written back as status: the operator really works
        awaitOrFail(Duration.ofMinutes(1), output, () -> !operator.isAlive() || retrainingSatisfied(cluster));
        assertThat(operator.isAlive()).as(output.toString()).isTrue();
        assertThat(cluster.level("team-a", "fraud")).isNotNull();
        assertThat(get(http, port, "/metrics")).contains("mlops_maturity_observed_level{model=\"test-model\",namespace=\"team-a\",target=\"fraud\"}");

        operator.destroy(); // SIGTERM, as the kubelet stops the pod
        assertThat(operator.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(operator.exitValue()).as(output.toString()).isZero();
      } finally {
        operator.destroyForcibly();
      }
    }
  }

  private static boolean retrainingSatisfied(ImageApiServer cluster) {
    var target = cluster.get("team-a", "fraud");
    return target != null && target.getStatus() != null && target.getStatus().capabilities.stream()
        .anyMatch(c -> "scheduled-retraining".equals(c.id) && c.state == CapabilityState.Satisfied);
  }

  private static void awaitOrFail(Duration atMost, StringBuffer output, Callable<Boolean> condition) {
    try {
      await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; the operator printed:\n" + output, e);
    }
  }

  private static List<String> mappedLibraries(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/maps")).stream()
        .map(l -> l.replaceFirst("^(\\S+\\s+){5}", "").trim())
        .filter(p -> p.startsWith("/") && p.contains(".so")).distinct().toList();
  }

  private static String run(ProcessBuilder pb, int seconds) throws Exception {
    Process p = pb.redirectErrorStream(true).start();
    StringBuffer out = drain(p.getInputStream());
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s did not end: %s", pb.command(), out).isTrue();
    p.getInputStream().close();
    assertThat(p.exitValue()).as("%s: %s", pb.command(), out).isZero();
    Thread.sleep(100);
    return out.toString();
  }

  private static StringBuffer drain(InputStream in) {
    StringBuffer out = new StringBuffer();
    Thread reader = new Thread(() -> {
      try (in) {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return out;
  }

  private static int status(HttpClient http, int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }
}
