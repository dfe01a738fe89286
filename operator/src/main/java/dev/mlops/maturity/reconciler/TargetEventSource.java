package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.assessment.ClusterExceptions;
import dev.mlops.maturity.cluster.ClusterChange;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.SelectorMatcher;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.EventHandler;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns cluster changes into reconcile events for the targets they can affect, through an index
 * on the primary cache: a change in namespace X triggers the targets of X whose selector matches
 * the object's labels (before or after the change), or all targets of X when none does (the
 * object may still matter by name); a MaturityException triggers the target it names; other cluster-wide
 * changes trigger every target.
 */
public final class TargetEventSource extends AbstractEventSource<GenericKubernetesResource, MaturityTarget>
    implements Consumer<ClusterChange> {
  static final String NAMESPACE_INDEX = "maturitytarget-by-namespace";
  static final List<Duration> RECHECK_AFTER_DELETION = List.of(Duration.ofMillis(500), Duration.ofSeconds(3));

  private volatile IndexerResourceCache<MaturityTarget> targets;
  /** This source's own timer for {@link #recheckAfterDeletion}: started and stopped with the source, never shared. */
  private ScheduledExecutorService rechecks;
  private final ExceptionTargets exceptionTargets = new ExceptionTargets();
  private volatile ClusterView exceptions;

  public TargetEventSource() {
    super(GenericKubernetesResource.class, "cluster-state");
  }

  @Override
  public synchronized void start() {
    if (rechecks == null) {
      rechecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, recheckThreadName());
        t.setDaemon(true);
        return t;
      });
    }
    super.start();
  }

  @Override
  public synchronized void stop() {
    super.stop();
    if (rechecks != null) {
      rechecks.shutdownNow();
      rechecks = null;
    }
  }

  /** The name of this source's recheck timer thread (one per source, so a leak is attributable). */
  String recheckThreadName() {
    return "deleted-target-recheck@" + Integer.toHexString(System.identityHashCode(this));
  }

  /** Where MaturityExceptions are read, so their changes reach only the targets they name. */
  void readExceptionsFrom(ClusterView view) {
    this.exceptions = view;
    exceptionTargets.changed(view.list(ClusterExceptions.KIND, null));
  }

  void index(IndexerResourceCache<MaturityTarget> primaryCache) {
    primaryCache.addIndexer(NAMESPACE_INDEX, t -> List.of(t.getMetadata().getNamespace()));
    this.targets = primaryCache;
  }

  @Override
  public void accept(ClusterChange change) {
    IndexerResourceCache<MaturityTarget> cache = targets;
    EventHandler handler = getEventHandler();
    if (cache == null || handler == null || !isRunning()) {
      return;
    }
    ClusterView view = exceptions;
    List<MaturityTarget> affected;
    if (view != null && change.kind().equals(ClusterExceptions.KIND) && !change.wholeKindChanged()) {
      // an exception concerns the targets it names (before and after an edit), found by what changed in the cache
      Set<String> keys = exceptionTargets.changed(view.list(ClusterExceptions.KIND, null));
      affected = cache.list().filter(t -> keys.contains(t.getMetadata().getNamespace() + "/" + t.getMetadata().getName())).toList();
    } else {
      affected = affected(cache, change);
    }
    affected.forEach(t -> handler.handleEvent(new Event(ResourceID.fromResource(t))));
  }

  /**
   * Looks again, after each of {@link #RECHECK_AFTER_DELETION}, for a target re-created under a deleted target's name
   * (kubectl replace --force, a GitOps prune and re-create). JOSDK 5.2.3 in all-events mode forgets a name's state
   * when the deletion's reconcile ends, dropping a create event that arrived meanwhile (it may even hand the new
   * object to that reconcile, flagged deleted), and ignores plain events for a name it has no state for: only a
   * resource event brings the new target back, so this sends one.
   */
  synchronized void recheckAfterDeletion(MaturityTarget deleted) {
    if (rechecks == null) {
      return; // stopped: a new operator lists the re-created target when it starts
    }
    ResourceID id = ResourceID.fromResource(deleted);
    for (Duration delay : RECHECK_AFTER_DELETION) {
      rechecks.schedule(() -> {
        IndexerResourceCache<MaturityTarget> cache = targets;
        EventHandler handler = getEventHandler();
        if (cache == null || handler == null || !isRunning()) {
          return;
        }
        // the informer drops a deleted object before it reports the deletion: what is cached now was created after it
        cache.get(id).ifPresent(t -> handler.handleEvent(new ResourceEvent(ResourceAction.UPDATED, id, t)));
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Re-evaluates every target (an external answer they may read changed). */
  public void evaluateAll() {
    IndexerResourceCache<MaturityTarget> cache = targets;
    EventHandler handler = getEventHandler();
    if (cache == null || handler == null || !isRunning()) {
      return;
    }
    cache.list().forEach(t -> handler.handleEvent(new Event(ResourceID.fromResource(t))));
  }

  /**
   * Re-evaluates the targets that read a changed HTTP answer ({@code namespace/name} readers, see
   * TargetObserver); the platform reader stands for every target, since all share platform evidence.
   */
  public void evaluate(Set<String> readers) {
    if (readers.contains(PlatformEvidence.READER)) {
      evaluateAll();
      return;
    }
    EventHandler handler = getEventHandler();
    if (handler == null || !isRunning()) {
      return;
    }
    for (String reader : readers) {
      int slash = reader.indexOf('/');
      if (slash > 0) {
        handler.handleEvent(new Event(new ResourceID(reader.substring(slash + 1), reader.substring(0, slash))));
      }
    }
  }

  static List<MaturityTarget> affected(IndexerResourceCache<MaturityTarget> cache, ClusterChange change) {
    if (change.clusterWide()) {
      return cache.list().toList();
    }
    List<MaturityTarget> inNamespace = cache.byIndex(NAMESPACE_INDEX, change.namespace());
    if (change.wholeKindChanged()) {
      return inNamespace;
    }
    List<MaturityTarget> bound = inNamespace.stream()
        .filter(t -> selects(t, change.labels()) || selects(t, change.previousLabels()))
        .toList();
    return bound.isEmpty() ? inNamespace : bound;
  }

  private static boolean selects(MaturityTarget target, Map<String, String> labels) {
    if (labels == null || target.getSpec() == null || target.getSpec().workload == null) {
      return false;
    }
    LabelSelector selector = target.getSpec().workload.selector;
    return SelectorMatcher.matches(selector, labels);
  }

  @Override
  public Set<GenericKubernetesResource> getSecondaryResources(MaturityTarget primary) {
    return Set.of();
  }
}
