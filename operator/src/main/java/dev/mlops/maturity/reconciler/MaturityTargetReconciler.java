package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.ledger.PromotionRecorder;
import dev.mlops.maturity.metrics.MaturityMetrics;
import dev.mlops.maturity.status.Conditions;
import dev.mlops.maturity.status.StatusFactory;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a MaturityTarget by ordering the phases: evaluate (read-only), build the status,
 * write it when it changed, publish metrics and Events from the transition, and come back after
 * the target's evaluationInterval to refresh HTTP-backed evidence. Cluster changes arrive through
 * {@link TargetEventSource}. Runs in "all events" mode, so a delete reaches reconcile and the
 * target's series are dropped without a finalizer. An exception in any phase is written as
 * Ready=False / Degraded=True (reason {@value StatusFactory#EVALUATION_FAILED}) instead of leaving a stale status.
 */
public final class MaturityTargetReconciler implements Reconciler<MaturityTarget> {
  private static final Logger log = LoggerFactory.getLogger(MaturityTargetReconciler.class);

  private final TargetObserver evaluator;
  private final StatusFactory statuses;
  private final StatusWriter writer;
  private final TransitionPublisher publisher;
  private final TargetEventSource clusterEvents;
  private final MaturityMetrics metrics;
  private ReconcileWatchdog watchdog = ReconcileWatchdog.UNWATCHED;
  private TargetReports reports = TargetReports.NONE;
  private PromotionRecorder recorder = PromotionRecorder.NONE;

  public MaturityTargetReconciler(TargetObserver evaluator, StatusFactory statuses, StatusWriter writer,
      TransitionPublisher publisher, TargetEventSource clusterEvents, MaturityMetrics metrics) {
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

  /** Also publishes each evaluation to {@code value} (OpenReports Reports when reports.enabled). */
  void reportsTo(TargetReports value) {
    this.reports = value;
  }

  /** Records the target's promotions in its MaturityLedger after each evaluation (issue 16). */
  public void recordsPromotionsWith(PromotionRecorder value) {
    this.recorder = value;
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
      evaluator.forget(target);
      reports.forget(target);
      clusterEvents.recheckAfterDeletion(target);
      return UpdateControl.noUpdate();
    }
    Timer.Sample sample = Timer.start(metrics.registry());
    ReconcileWatchdog.Lease lease = watchdog.begin();
    try {
      Observation evaluation = evaluator.evaluate(target);
      MaturityTargetStatus before = target.getStatus();
      MaturityTargetStatus after = evaluation.assessment()
          .map(a -> statuses.evaluated(target, a, evaluation.problems()))
          .orElseGet(() -> statuses.invalid(target, evaluation.problems()));
      // metrics follow the evaluation, not the write: during an API outage Degraded must still show (issue 19)
      evaluation.assessment().ifPresent(a -> publisher.measured(target, after, a));
      boolean written = writer.write(target, after, context);
      reports.write(target, evaluation);
      if (evaluation.assessment().isPresent()) {
        if (written) {
          publisher.announced(target, before, after, evaluation.assessment().get());
        }
      } else {
        publisher.invalid(target.getMetadata().getNamespace(), target.getMetadata().getName());
      }
      publisher.platform(evaluation.platform());
      if (Conditions.isTrue(after.conditions, Conditions.READY)) {
        record(target); // a target with Ready=False publishes no series, the promotion counter included
      }
      return UpdateControl.<MaturityTarget>noUpdate().rescheduleAfter(evaluation.interval());
    } finally {
      lease.close();
      sample.stop(metrics.evaluationDuration());
    }
  }

  /** A ledger that cannot be written now is tried again at the next reconcile; it never fails the evaluation. */
  private void record(MaturityTarget target) {
    try {
      recorder.record(target, evaluator.externalFor(target));
    } catch (RuntimeException e) {
      log.warn("{}/{}: cannot record promotions in the ledger: {}", target.getMetadata().getNamespace(), target.getMetadata().getName(),
          EvaluationFailure.describe(e));
    }
  }

  /**
   * JOSDK calls this when reconcile threw (and retries it after): the failure becomes the status
   * (our own conditional write, only when it changes anything), and the degraded gauge follows it
   * even when that write fails too.
   */
  @Override
  public ErrorStatusUpdateControl<MaturityTarget> updateErrorStatus(MaturityTarget target, Context<MaturityTarget> context, Exception e) {
    String ns = target.getMetadata().getNamespace();
    String name = target.getMetadata().getName();
    String cause = EvaluationFailure.describe(e);
    log.warn("{}/{}: evaluation failed: {}", ns, name, cause);
    publisher.failed(ns, name);
    try {
      writer.write(target, statuses.failed(target, cause), context);
    } catch (RuntimeException writeFailed) {
      log.warn("{}/{}: cannot write the failure status either: {}", ns, name, EvaluationFailure.describe(writeFailed));
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
