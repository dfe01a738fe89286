package dev.mlops.maturity.reconciler;

import dev.mlops.maturity.api.v1alpha1.CapabilityStatus;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.api.v1alpha1.MaturityTargetStatus;
import dev.mlops.maturity.evaluation.Assessment;
import dev.mlops.maturity.evaluation.LevelTransition;
import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.metrics.MaturityMetrics;
import dev.mlops.maturity.status.Conditions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish phase: metrics and Events from the transition between the stored status and the new
 * one, never recomputed elsewhere. An Event is recorded only when the status it announces was
 * written, so a retried reconcile cannot announce twice.
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

  public void published(MaturityTarget target, MaturityTargetStatus before, MaturityTargetStatus after, Assessment a, boolean written) {
    measured(target, after, a);
    if (written) {
      announced(target, before, a);
    }
  }

  /** The metrics of an evaluation, published before (and whatever the outcome of) the status write. */
  public void measured(MaturityTarget target, MaturityTargetStatus after, Assessment a) {
    metrics.evaluated(target.getMetadata().getNamespace(), target.getMetadata().getName(), a,
        Conditions.isTrue(after.conditions, Conditions.DEGRADED), clock.instant());
    metrics.probeErrors(a);
  }

  /** The log lines and Events of a transition whose status was written. */
  public void announced(MaturityTarget target, MaturityTargetStatus before, Assessment a) {
    String ns = target.getMetadata().getNamespace();
    String name = target.getMetadata().getName();
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
    boolean metBefore = before != null && Conditions.isTrue(before.conditions, Conditions.TARGET_MET);
    if (a.targetMet() && !metBefore) {
      events.normal(target, TargetEvents.TARGET_MET, "observed level " + level + " meets target level " + a.targetLevel());
    }
    Set<String> unknownBefore = unknown(before);
    Set<String> unknownAfter = new TreeSet<>();
    a.capabilities().stream().filter(c -> c.evidence().state() == CapabilityState.Unknown).forEach(c -> unknownAfter.add(c.id()));
    if (!unknownAfter.isEmpty() && !unknownAfter.equals(unknownBefore)) {
      String held = a.strictLevel() < a.observedLevel() ? "; level " + a.observedLevel() + " held" : "";
      events.warning(target, TargetEvents.PROBE_FAILING, "could not evaluate " + String.join(", ", unknownAfter) + held);
    }
  }

  public void deleted(String namespace, String name) {
    metrics.removed(namespace, name);
  }

  private static Set<String> unknown(MaturityTargetStatus status) {
    Set<String> ids = new TreeSet<>();
    List<CapabilityStatus> capabilities = status == null || status.capabilities == null ? List.of() : status.capabilities;
    capabilities.stream().filter(c -> c.state == CapabilityState.Unknown).forEach(c -> ids.add(c.id));
    return ids;
  }
}
