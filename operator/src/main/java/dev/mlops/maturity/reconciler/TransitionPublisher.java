package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evaluation.LevelOutcome;
import dev.mlops.maturity.evaluation.LevelTransition;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.UnknownReason;
import dev.mlops.maturity.metrics.MaturityMetrics;
import dev.mlops.maturity.status.Conditions;
import dev.mlops.maturity.status.ExceptionAudit;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish phase: metrics and Events from the transition between the stored status and the new
 * one, never recomputed elsewhere. An Event is recorded only when the status it announces was
 * written, so a retried reconcile cannot announce twice. A target whose Ready condition is False publishes
 * no level (no level series, no LevelRaised/LevelRegressed/TargetMet); changes of an exception's effect
 * are announced either way (ExemptionHeld, ExemptionRequested, ExemptionRefused, ExemptionExpired).
 */
public final class TransitionPublisher {
  private static final Logger log = LoggerFactory.getLogger(TransitionPublisher.class);

  private final MaturityMetrics metrics;
  private final TargetEvents events;
  private final Clock clock;

  public TransitionPublisher(MaturityMetrics metrics, TargetEvents events, Clock clock) {
    this.metrics = metrics;
    this.events = events;
    this.clock = clock;
  }

  /** Metrics, then (when the status was written) the Events of the transition. */
  public void published(MaturityTarget target, MaturityTargetStatus before, MaturityTargetStatus after, LevelOutcome a, boolean written) {
    measured(target, after, a);
    if (written) {
      announced(target, before, after, a);
    }
  }

  /**
   * The metrics of an evaluation, published before (and whatever the outcome of) the status write. A target with
   * spec problems (Ready=False) publishes no level: no level series.
   */
  public void measured(MaturityTarget target, MaturityTargetStatus after, LevelOutcome a) {
    String ns = target.getMetadata().getNamespace();
    String name = target.getMetadata().getName();
    if (Conditions.isTrue(after.conditions, Conditions.READY)) {
      metrics.evaluated(ns, name, a, Conditions.isTrue(after.conditions, Conditions.DEGRADED), clock.instant());
    } else {
      metrics.removed(ns, name);
    }
    metrics.probeErrors(a);
  }

  /** The log lines and Events of a transition whose status was written; a Ready=False target gets no level Events. */
  public void announced(MaturityTarget target, MaturityTargetStatus before, MaturityTargetStatus after, LevelOutcome a) {
    String ns = target.getMetadata().getNamespace();
    String name = target.getMetadata().getName();
    for (ExceptionAudit.Change c : ExceptionAudit.changes(before, a.governance().decisions())) {
      if (c.warning()) {
        events.warning(target, c.reason(), c.message());
      } else {
        events.normal(target, c.reason(), c.message());
      }
    }
    if (!Conditions.isTrue(after.conditions, Conditions.READY)) {
      probeFailing(target, before, a);
      return;
    }
    String level = a.observedLevel() + " (" + a.observedLevelName() + ")";
    if (a.transition() != LevelTransition.UNCHANGED && a.transition() != LevelTransition.HELD) {
      log.info("{}/{}: level {} -> {} ({})", ns, name, a.previousLevel() == null ? "-" : a.previousLevel(), level, a.transition());
    }
    if (a.transition() == LevelTransition.RAISED) {
      events.normal(target, TargetEvents.LEVEL_RAISED, "level raised from " + a.previousLevel() + " to " + level);
    }
    if (a.transition() == LevelTransition.REGRESSED) {
      metrics.regressed(ns, name, a.model().id());
      String causes = a.regressionCauses().isEmpty() ? "" : ": missing " + String.join(", ", a.regressionCauses());
      events.warning(target, TargetEvents.LEVEL_REGRESSED, "level dropped from " + a.previousLevel() + " to " + level + causes);
    }
    if (a.transition() == LevelTransition.INTEGRATION_REMOVED) {
      events.normal(target, TargetEvents.INTEGRATION_REMOVED, "level lowered from " + a.previousLevel() + " to " + level
          + ": " + String.join(", ", a.regressionCauses()) + " need an integration that is not configured (not a regression of the workload)");
    }
    boolean metBefore = before != null && Conditions.isTrue(before.conditions, Conditions.TARGET_MET);
    if (a.targetMet() && !metBefore) {
      events.normal(target, TargetEvents.TARGET_MET, "observed level " + level + " meets target level " + a.targetLevel());
    }
    probeFailing(target, before, a);
  }

  private void probeFailing(MaturityTarget target, MaturityTargetStatus before, LevelOutcome a) {
    Set<String> unknownBefore = unknown(before);
    Set<String> unknownAfter = new TreeSet<>();
    // NotConfigured is a stable absence, not a failing probe
    a.capabilities().stream().filter(c -> c.evidence().failed()).forEach(c -> unknownAfter.add(c.id()));
    if (!unknownAfter.isEmpty() && !unknownAfter.equals(unknownBefore)) {
      String held = a.strictLevel() < a.observedLevel() ? "; level " + a.observedLevel() + " held" : "";
      events.warning(target, TargetEvents.PROBE_FAILING, "could not evaluate " + String.join(", ", unknownAfter) + held);
    }
  }

  /** The platform measurements of the snapshot an evaluation used (the GPU gauge; absent when not measured). */
  public void platform(PlatformEvidence.Snapshot snapshot) {
    if (snapshot != null && snapshot.measuresGpu()) {
      metrics.gpuUtilisation(snapshot.gpuUtilisation());
    }
  }

  /** The evaluation of a target failed: its degraded gauge follows, whether or not the status could be written. */
  public void failed(String namespace, String name) {
    metrics.failed(namespace, name);
  }

  public void deleted(String namespace, String name) {
    metrics.removed(namespace, name);
  }

  /** The spec could not be evaluated at all: whatever level was published before is withdrawn. */
  public void invalid(String namespace, String name) {
    metrics.removed(namespace, name);
  }

  private static Set<String> unknown(MaturityTargetStatus status) {
    Set<String> ids = new TreeSet<>();
    List<CapabilityStatus> capabilities = status == null || status.capabilities == null ? List.of() : status.capabilities;
    capabilities.stream().filter(c -> c.state == CapabilityState.Unknown && c.reason != UnknownReason.NotConfigured).forEach(c -> ids.add(c.id));
    return ids;
  }
}
