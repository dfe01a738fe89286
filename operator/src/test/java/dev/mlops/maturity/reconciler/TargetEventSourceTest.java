package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.cluster.ClusterChange;
import dev.mlops.maturity.probe.KindCatalogue;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TargetEventSourceTest {
  private static final Map<String, String> FRAUD = Map.of("app", "fraud");
  private static final Map<String, String> CHURN = Map.of("app", "churn");

  /** The primary cache as JOSDK offers it, over a list, with the indexers the event source adds. */
  static final class ListCache implements IndexerResourceCache<MaturityTarget> {
    final List<MaturityTarget> items = new ArrayList<>();
    final Map<String, Function<MaturityTarget, List<String>>> indexers = new HashMap<>();

    @Override
    public void addIndexers(Map<String, Function<MaturityTarget, List<String>>> more) {
      indexers.putAll(more);
    }

    @Override
    public List<MaturityTarget> byIndex(String index, String key) {
      return items.stream().filter(t -> indexers.get(index).apply(t).contains(key)).toList();
    }

    @Override
    public Optional<MaturityTarget> get(ResourceID id) {
      return items.stream().filter(t -> ResourceID.fromResource(t).equals(id)).findFirst();
    }

    @Override
    public Stream<ResourceID> keys() {
      return items.stream().map(ResourceID::fromResource);
    }

    @Override
    public Stream<MaturityTarget> list(Predicate<MaturityTarget> p) {
      return items.stream().filter(p);
    }

    @Override
    public Stream<MaturityTarget> list(String namespace, Predicate<MaturityTarget> p) {
      return items.stream().filter(t -> namespace.equals(t.getMetadata().getNamespace())).filter(p);
    }
  }

  private final ListCache cache = new ListCache();

  TargetEventSourceTest() {
    cache.items.add(TestCluster.target("team-a", "fraud", 2, FRAUD));
    cache.items.add(TestCluster.target("team-a", "churn", 2, CHURN));
    cache.items.add(TestCluster.target("team-b", "fraud", 2, FRAUD));
    new TargetEventSource().index(cache);
  }

  private List<String> affected(ClusterChange change) {
    return TargetEventSource.affected(cache, change).stream()
        .map(t -> t.getMetadata().getNamespace() + "/" + t.getMetadata().getName()).toList();
  }

  @Test
  void anObjectChangeReachesOnlyTheTargetsOfItsNamespaceThatSelectIt() {
    assertThat(affected(new ClusterChange(KindCatalogue.CRON_WORKFLOW, "team-a", FRAUD, null))).containsExactly("team-a/fraud");
  }

  @Test
  void aRelabelReachesTheTargetsOfTheOldAndTheNewLabels() {
    assertThat(affected(new ClusterChange(KindCatalogue.CRON_WORKFLOW, "team-a", CHURN, FRAUD)))
        .containsExactlyInAnyOrder("team-a/fraud", "team-a/churn");
  }

  @Test
  void anObjectNoTargetSelectsReachesEveryTargetOfItsNamespace() {
    assertThat(affected(new ClusterChange(KindCatalogue.SERVICE, "team-a", Map.of("other", "x"), null)))
        .containsExactlyInAnyOrder("team-a/fraud", "team-a/churn");
  }

  @Test
  void clusterScopedAndWholeKindChangesReachEveryTarget() {
    assertThat(affected(new ClusterChange(KindCatalogue.NODE, null, Map.of(), null))).hasSize(3);
    assertThat(affected(ClusterChange.wholeKind(KindCatalogue.CRON_WORKFLOW))).hasSize(3);
  }

  @Test
  void aNamespaceWithoutTargetsReachesNothing() {
    assertThat(affected(new ClusterChange(KindCatalogue.CRON_WORKFLOW, "team-z", FRAUD, null))).isEmpty();
  }

  private static io.fabric8.kubernetes.api.model.GenericKubernetesResource exception(String name, String ns, String target,
      String version) {
    var r = io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
        apiVersion: maturity.mlops.dev/v1alpha1
        kind: MaturityException
        metadata: {name: %s, resourceVersion: "%s"}
        spec: {target: {namespace: %s, name: %s}, capability: gpu-scheduling, kind: notApplicable, reason: r, expires: "2027-01-01", approvedBy: p}
        """.formatted(name, version, ns, target), io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    return r;
  }

  private static dev.mlops.maturity.probe.Listing exceptions(io.fabric8.kubernetes.api.model.GenericKubernetesResource... items) {
    return dev.mlops.maturity.probe.Listing.of(dev.mlops.maturity.assessment.ClusterExceptions.KIND, List.of(items));
  }

  @Test
  void aMaturityExceptionChangeReachesOnlyTheTargetsItNamesBeforeAndAfter() {
    ExceptionTargets targets = new ExceptionTargets();

    assertThat(targets.changed(exceptions(exception("a", "team-b", "fraud", "1")))).containsExactly("team-b/fraud");
    assertThat(targets.changed(exceptions(exception("a", "team-b", "fraud", "1"), exception("b", "team-a", "churn", "1"))))
        .as("a new exception").containsExactly("team-a/churn");
    assertThat(targets.changed(exceptions(exception("a", "team-b", "fraud", "2"), exception("b", "team-a", "churn", "1"))))
        .as("an edit (new expiry)").containsExactly("team-b/fraud");
    assertThat(targets.changed(exceptions(exception("a", "team-a", "fraud", "3"), exception("b", "team-a", "churn", "1"))))
        .as("a retarget reaches the old and the new target").containsExactlyInAnyOrder("team-b/fraud", "team-a/fraud");
    assertThat(targets.changed(exceptions(exception("a", "team-a", "fraud", "3")))).as("a delete").containsExactly("team-a/churn");
    assertThat(targets.changed(dev.mlops.maturity.probe.Listing.failed(dev.mlops.maturity.assessment.ClusterExceptions.KIND, "down")))
        .as("an unreadable list changes nothing").isEmpty();
  }

  /** Events the source hands to JOSDK, recorded. */
  private static final class RecordingHandler implements io.javaoperatorsdk.operator.processing.event.EventHandler {
    final java.util.concurrent.BlockingQueue<io.javaoperatorsdk.operator.processing.event.Event> events =
        new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public void handleEvent(io.javaoperatorsdk.operator.processing.event.Event event) {
      events.add(event);
    }
  }

  @Test
  void aTargetRecreatedUnderADeletedNameGetsAResourceEventAndAStoppedSourceSendsNone() throws InterruptedException {
    MaturityTarget recreated = cache.items.get(0);
    TargetEventSource running = new TargetEventSource();
    running.index(cache);
    RecordingHandler handler = new RecordingHandler();
    running.setEventHandler(handler);
    running.start();
    try {
      running.recheckAfterDeletion(recreated);
      var event = handler.events.poll(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(event).as("the first recheck, %s after the deletion", TargetEventSource.RECHECK_AFTER_DELETION.get(0))
          .isInstanceOf(io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent.class);
      assertThat(event.getRelatedCustomResourceID()).isEqualTo(ResourceID.fromResource(recreated));
    } finally {
      running.stop();
    }

    TargetEventSource stopped = new TargetEventSource();
    stopped.index(cache);
    RecordingHandler none = new RecordingHandler();
    stopped.setEventHandler(none);
    stopped.start();
    stopped.recheckAfterDeletion(recreated);
    stopped.stop();
    assertThat(none.events.poll(TargetEventSource.RECHECK_AFTER_DELETION.get(0).toMillis() + 1_000,
        java.util.concurrent.TimeUnit.MILLISECONDS)).as("rechecks scheduled before stop are cancelled with it").isNull();
    assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().equals(running.recheckThreadName()) || t.getName().equals(stopped.recheckThreadName())).count())
        .as("no recheck timer outlives its source").isZero();
  }
}
