package dev.mlops.maturity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark at a tiny size: every section is reported, every target converges, idle means no LISTs and no writes. No timings asserted. */
class BenchSmokeTest {

  @Test
  void aTinyRunReportsEverySectionConvergesAndIsQuietWhenIdle() throws Exception {
    BenchSettings settings = new BenchSettings(20, 400, List.of(1.0), 6, Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(60), 5, Path.of(System.getProperty("project.root", "..")), 1, Duration.ofMinutes(5), 1.0);

    Map<String, Object> report = Bench.run(settings, List.of("bench", "--test"), line -> {});

    JsonNode json = Serialization.jsonMapper().readTree(Bench.json(report));
    assertThat(json.fieldNames()).toIterable().contains("date", "command", "machine", "settings", "scales", "scaling", "goals");
    JsonNode scale = json.get("scales").get(0);
    assertThat(scale.fieldNames()).toIterable()
        .contains("convergence", "naive", "convergenceSpeedup", "idle", "memory", "evaluation", "detection", "peer", "restart", "initialSync");
    assertThat(scale.get("targets").asInt()).isEqualTo(20);
    assertThat(scale.get("objects").asInt()).isGreaterThanOrEqualTo(400);

    assertThat(scale.at("/convergence/converged").asBoolean()).isTrue();
    assertThat(scale.at("/convergence/correctTargets").asInt()).isEqualTo(20);
    assertThat(scale.at("/convergence/cpu/apiServerCpuSeconds").asDouble()).as("the API server served the sync and the writes").isPositive();
    assertThat(scale.at("/convergence/startupCpu/apiServerCpuSeconds").asDouble())
        .isPositive().isLessThanOrEqualTo(scale.at("/convergence/cpu/apiServerCpuSeconds").asDouble());
    assertThat(scale.at("/naive/targetsAssessed").asInt()).isPositive();
    assertThat(scale.at("/naive/correctTargets").asInt()).as("the baseline sees the same levels")
        .isEqualTo(scale.at("/naive/targetsAssessed").asInt());
    assertThat(scale.at("/naive/requests/LIST").asLong()).as("the baseline LISTs on every reconcile").isPositive();

    assertThat(scale.at("/idle/listsPerMinute").asDouble()).isZero();
    assertThat(scale.at("/idle/writesPerMinute").asDouble()).isZero();

    assertThat(scale.at("/detection/samples").asInt()).isPositive();
    assertThat(scale.at("/detection/samples").asInt() + scale.at("/detection/missed").asInt()).isEqualTo(6);
    for (String series : List.of("statusMs", "metricMs", "floorMs")) {
      assertThat(scale.at("/detection/" + series + "/p99").asDouble()).as(series).isPositive();
    }

    assertThat(scale.at("/memory/cachedObjects").asLong()).isGreaterThanOrEqualTo(400);
    assertThat(scale.at("/memory/cachePruned/cachedObjects").asLong()).isGreaterThanOrEqualTo(400);
    assertThat(scale.at("/memory/cacheUnpruned/cachedObjects").asLong()).isEqualTo(scale.at("/memory/cachePruned/cachedObjects").asLong());
    // at 400 objects the heap difference (~0.5 MiB) is within GC noise: its value is for real sizes, not asserted here
    assertThat(scale.at("/memory/cachePruned/objectsHeapMiB").isNumber()).isTrue();
    for (String cache : new String[] {"cachePruned", "cacheUnpruned"}) {
      assertThat(scale.at("/memory/" + cache + "/releasedObjects").asLong()).as("%s: the weighed objects were all freed", cache)
          .isEqualTo(scale.at("/memory/" + cache + "/cachedObjects").asLong());
    }

    assertThat(scale.at("/evaluation/perTargetMs/count").asInt()).isEqualTo(20);
    assertThat(scale.at("/evaluation/allTargetsMs").asDouble()).isPositive();

    // the peer: assess -A in fresh JVMs on a (scaled-down) schedule, in the same window as the operator
    JsonNode peer = scale.get("peer");
    assertThat(peer.at("/periodMinutes").asDouble()).isEqualTo(5.0);
    assertThat(peer.at("/firstRunExitCode").asInt()).isZero();
    assertThat(peer.at("/firstRunCorrectTargets").asInt()).as("the audit sees the same levels").isEqualTo(20);
    assertThat(peer.at("/audit/runs").asInt()).as("the first run and at least the one that saw the change").isGreaterThanOrEqualTo(2);
    assertThat(peer.at("/audit/missed").asInt()).isZero();
    assertThat(peer.at("/audit/detectionMs/count").asInt()).isEqualTo(1);
    assertThat(peer.at("/audit/bytesPerRun").asDouble()).isPositive();
    assertThat(peer.at("/audit/requestsPerRun").asDouble()).isPositive();
    assertThat(peer.at("/audit/cpuSecondsPerRun").asDouble()).as("a JVM's start-up alone takes CPU").isPositive();
    assertThat(peer.at("/operator/detectionMs/count").asInt()).isEqualTo(1);
    assertThat(peer.at("/operator/bytes/WATCH").asLong()).as("the operator reads the change from its watch").isPositive();
    assertThat(peer.at("/operator/bytes").has("LIST")).as("and lists nothing in the window").isFalse();
    for (String ratio : List.of("requests", "bytes", "cpu", "detectionMean")) {
      assertThat(peer.at("/auditOverOperator/" + ratio).isNumber()).as(ratio).isTrue();
    }

    assertThat(scale.at("/restart/allEvaluated").asBoolean()).isTrue();
    assertThat(scale.at("/restart/evaluatedTargets").asInt()).isEqualTo(20);
    assertThat(scale.at("/restart/statusWrites").isIntegralNumber()).isTrue();
    assertThat(scale.at("/restart/secondsToAllEvaluated").asDouble()).isPositive();

    assertThat(scale.at("/initialSync/pageSize").asLong()).isEqualTo(500);
    assertThat(scale.at("/initialSync/largestResponseBytesPaged").asLong()).isPositive();
    assertThat(scale.at("/initialSync/largestResponseBytesUnpaged").asLong())
        .isGreaterThanOrEqualTo(scale.at("/initialSync/largestResponseBytesPaged").asLong());
    assertThat(scale.at("/initialSync/unpaged/lists").asLong()).isPositive();

    assertThat(json.get("goals")).hasSize(16).allSatisfy(g -> assertThat(g.get("status").asText()).isIn("met", "missed", "not measured"));
    assertThat(json.get("goals").toString()).contains(">= 10x fewer bytes read per hour than `assess -A` every 5 min",
        "0 status writes after a restart when nothing changed", "at 1.0x (10x not run)");
    assertThat(Bench.table(report)).contains("convergence (s)", "idle LISTs/min", "goal", "audit MB/h (N min)", "restart: status writes",
        "largest response, paged (B)")
        .contains("note: the goals are set at 1,000 targets / 20,000 objects and this run's reference scale has 20 targets");
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /api/v1/pods?resourceVersion=0, LIST",
      "GET, /apis/argoproj.io/v1alpha1/namespaces/team-a/cronworkflows, LIST",
      "GET, /apis/argoproj.io/v1alpha1/namespaces/team-a/cronworkflows?labelSelector=a%3Db, LIST",
      "GET, /apis/argoproj.io/v1alpha1/namespaces/team-a/cronworkflows/nightly, GET",
      "GET, /api/v1/namespaces, LIST",
      "GET, /api/v1/namespaces/team-a, GET",
      "GET, /api/v1/nodes/gpu-1, GET",
      "GET, /api/v1/pods?allowWatchBookmarks=true&resourceVersion=5&watch=true, WATCH",
      "GET, /apis/argoproj.io/v1alpha1, DISCOVERY",
      "GET, /apis, DISCOVERY",
      "PATCH, /apis/maturity.mlops.dev/v1alpha1/namespaces/a/maturitytargets/t/status, PATCH",
      "POST, /api/v1/namespaces/a/events, CREATE",
      "PUT, /apis/apps/v1/namespaces/a/deployments/d, UPDATE",
      "DELETE, /apis/apps/v1/namespaces/a/deployments/d, DELETE",
  })
  void requestsAreCountedByVerb(String method, String path, String verb) {
    assertThat(ApiServer.verb(method, path)).isEqualTo(verb);
  }

  @Test
  void percentilesAreNearestRank() {
    Stats s = Stats.ofNanos(java.util.stream.LongStream.rangeClosed(1, 100).map(i -> i * 1_000_000).boxed().toList());
    assertThat(s.p50()).isEqualTo(50.0);
    assertThat(s.p99()).isEqualTo(99.0);
    assertThat(s.max()).isEqualTo(100.0);
    assertThat(Stats.ofNanos(List.of()).count()).isZero();
  }

  @Test
  void theGeneratorBuildsEachLevelsObjectsAndFillsUpToTheObjectCount() {
    SyntheticCluster c = SyntheticCluster.generate(10, 200);
    assertThat(c.workloads()).extracting(SyntheticCluster.Workload::level).containsExactly(0, 1, 2, 3, 4, 0, 1, 2, 3, 4);
    assertThat(c.objects()).hasSize(200);
    assertThat(c.targets()).hasSize(10);
    assertThat(c.objects()).filteredOn(o -> "Rollout".equals(o.getKind())).hasSize(2);
    assertThat(c.objects()).filteredOn(o -> "CronWorkflow".equals(o.getKind())).hasSize(6);
    assertThat(c.objects()).allSatisfy(o -> {
      assertThat(o.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration");
      assertThat(o.getMetadata().getManagedFields()).singleElement().satisfies(m -> assertThat(m.getFieldsV1()).isNotNull());
    });
  }
}
