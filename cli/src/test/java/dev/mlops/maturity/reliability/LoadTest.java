package dev.mlops.maturity.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load: 2,000 MaturityTargets and 40,000 objects in all (19 workload objects per target: a
 * Deployment, a Service, 10 Pods, a CronWorkflow, 2 Roles, 2 RoleBindings, 2 ConfigMaps) served by
 * the mock API server in this JVM; the operator runs in a separate JVM with -Xmx512m and must
 * evaluate every target without running out of memory. Part of the suite (about 70 s on 2 cores,
 * the mock's store being indexed by name); {@code -Dload=false} skips it, {@code -Dload.targets=N}
 * scales it.
 */
@Tag("load")
@DisabledIfSystemProperty(named = "load", matches = "false")
class LoadTest {
  private static final Logger log = LoggerFactory.getLogger(LoadTest.class);
  /** The mock server logs every request at INFO; 40,000 lines of that would dominate the set-up. */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  @Test
  void twoThousandTargetsAndFortyThousandObjectsFitIn512MiB() throws Exception {
    int targets = Integer.getInteger("load.targets", 2000);
    int namespaces = Math.max(1, targets / 20);
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    try (FaultyCluster cluster = FaultyCluster.start()) {
      cluster.installCronWorkflowCrd();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < targets; i++) {
        int n = i;
        work.add(pool.submit(() -> populate(cluster, "load-" + (n % namespaces), "wl-" + n)));
      }
      for (Future<?> f : work) {
        f.get(10, TimeUnit.MINUTES);
      }
      pool.shutdown();
      log.info("created {} targets and {} objects in {} s", targets, targets * 20, Duration.ofNanos(System.nanoTime() - t0).toSeconds());

      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
          LoadRun.class.getName(), cluster.client.getConfiguration().getMasterUrl(), String.valueOf(targets), "15")
          .redirectErrorStream(true).start();
      String result = null;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("LOAD-RESULT") || line.contains("OutOfMemoryError")) {
            result = line;
            log.info("{}", line);
          }
        }
      }
      assertThat(child.waitFor(20, TimeUnit.MINUTES)).isTrue();
      assertThat(result).as("the operator JVM's result line").startsWith("LOAD-RESULT");
      assertThat(child.exitValue()).as(result).isZero();
      long withStatus = cluster.client.resources(MaturityTarget.class).inAnyNamespace().list().getItems().stream()
          .filter(t -> t.getStatus() != null && t.getStatus().observedLevel != null).count();
      assertThat(withStatus).isEqualTo(targets);
    }
  }

  private static void populate(FaultyCluster cluster, String ns, String name) {
    Map<String, String> labels = Map.of("app.kubernetes.io/part-of", name);
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new DeploymentBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("server").withImage("registry.example/" + name + ":1.0")
        .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec().endTemplate().endSpec().build());
    objects.add(new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withSelector(labels).addNewPort().withName("http").withPort(8080).endPort().endSpec().build());
    for (int p = 0; p < 10; p++) {
      objects.add(new PodBuilder().withNewMetadata().withNamespace(ns).withName(name + "-pod-" + p).withLabels(labels).endMetadata()
          .withNewSpec().addNewContainer().withName("server").withImage("registry.example/" + name + ":1.0")
          .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m")).endResources()
          .endContainer().endSpec().build());
    }
    for (int r = 0; r < 2; r++) {
      objects.add(new RoleBuilder().withNewMetadata().withNamespace(ns).withName(name + "-role-" + r).withLabels(labels).endMetadata()
          .addNewRule().withApiGroups("apps").withResources("deployments").withVerbs("get", "list").endRule().build());
      objects.add(new RoleBindingBuilder().withNewMetadata().withNamespace(ns).withName(name + "-rb-" + r).withLabels(labels).endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name + "-role-" + r).endRoleRef()
          .addNewSubject().withKind("ServiceAccount").withName("ci").withNamespace(ns).endSubject().build());
      objects.add(new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name + "-cm-" + r).withLabels(labels).endMetadata()
          .addToData("config.yaml", "threshold: 0.7\n".repeat(20)).build());
    }
    objects.forEach(o -> cluster.client.resource(o).create());
    cluster.createCronWorkflow(ns, name + "-retrain", labels);
    cluster.create(FaultyCluster.target(ns, name, "mlops-5-level", 3, labels));
  }
}
