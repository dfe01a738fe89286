package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.metrics.MaturityMetrics;
import dev.mlops.maturity.status.StatusFactory;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.Timer;
import dev.mlops.maturity.evaluation.SpecProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciles a MaturityTarget by ordering the phases: evaluate (read-only), build the status,
 * write it when it changed, publish metrics and Events from the transition, and come back after
 * the target's evaluationInterval to refresh HTTP-backed evidence. Cluster changes arrive through
 * {@link TargetEventSource}. Runs in "all events" mode, so a delete reaches reconcile and the
 * target's series are dropped without a finalizer.
 */
public final class MaturityTargetReconciler implements Reconciler<MaturityTarget> {
  private final TargetEvaluator evaluator;
  private final StatusFactory statuses;
  private final StatusWriter writer;
  private final TransitionPublisher publisher;
  private final TargetEventSource clusterEvents;
  private final MaturityMetrics metrics;
  private final WorkloadPresence presence;
  private ReconcileWatchdog watchdog = ReconcileWatchdog.UNWATCHED;

  public MaturityTargetReconciler(TargetEvaluator evaluator, StatusFactory statuses, StatusWriter writer,
      TransitionPublisher publisher, TargetEventSource clusterEvents, MaturityMetrics metrics) {
    this(evaluator, statuses, writer, publisher, clusterEvents, metrics, null);
  }

  /** With {@code presence}, a selector that matches nothing makes Ready=False (the workload is still evaluated). */
  MaturityTargetReconciler(TargetEvaluator evaluator, StatusFactory statuses, StatusWriter writer,
      TransitionPublisher publisher, TargetEventSource clusterEvents, MaturityMetrics metrics, WorkloadPresence presence) {
    this.presence = presence;
    this.evaluator = evaluator;
    this.statuses = statuses;
    this.writer = writer;
    this.publisher = publisher;
    this.clusterEvents = clusterEvents;
    this.metrics = metrics;
  }

  /** Reports each reconcile's start and end to {@code value}, which /healthz consults. */
  void watchedBy(ReconcileWatchdog value) {
    this.watchdog = value;
  }

  @Override
  public List<EventSource<?, MaturityTarget>> prepareEventSources(EventSourceContext<MaturityTarget> context) {
    clusterEvents.index(context.getPrimaryCache());
    return List.of(clusterEvents);
  }

  @Override
  public UpdateControl<MaturityTarget> reconcile(MaturityTarget target, Context<MaturityTarget> context) {
    if (context.isPrimaryResourceDeleted()) {
      publisher.deleted(target.getMetadata().getNamespace(), target.getMetadata().getName());
      return UpdateControl.noUpdate();
    }
    Timer.Sample sample = Timer.start(metrics.registry());
    ReconcileWatchdog.Lease lease = watchdog.begin();
    try {
      Evaluation evaluation = evaluator.evaluate(target);
      List<SpecProblem> problems = new ArrayList<>(evaluation.problems());
      if (presence != null && evaluation.assessment().isPresent()) {
        presence.check(target).ifPresent(problems::add);
      }
      MaturityTargetStatus before = target.getStatus();
      MaturityTargetStatus after = evaluation.assessment()
          .map(a -> statuses.evaluated(target, a, problems))
          .orElseGet(() -> statuses.invalid(target, evaluation.problems()));
      // metrics follow the evaluation, not the write: during an API outage Degraded must still show (issue 19)
      evaluation.assessment().ifPresent(a -> publisher.measured(target, after, a));
      boolean written = writer.write(target, after, context);
      if (written) {
        evaluation.assessment().ifPresent(a -> publisher.announced(target, before, a));
      }
      return UpdateControl.<MaturityTarget>noUpdate().rescheduleAfter(evaluation.interval());
    } finally {
      lease.close();
      sample.stop(metrics.evaluationDuration());
    }
  }
}
