package dev.mlops.maturity.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The five condition types of a MaturityTarget and the Kubernetes merge rule for them. */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String TARGET_MET = "TargetMet";
  public static final String REGRESSED = "Regressed";
  public static final String DEGRADED = "Degraded";
  /** False (reason PolicyViolation) while the policy refuses one of the target's self-declared entries. */
  public static final String POLICY_COMPLIANT = "PolicyCompliant";
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  public static Condition of(String type, boolean status, String reason, String message, Long generation) {
    return of(type, status ? TRUE : FALSE, reason, message, generation);
  }

  public static Condition of(String type, String status, String reason, String message, Long generation) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withObservedGeneration(generation).build();
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  /**
   * The desired conditions, each keeping the lastTransitionTime of its previous version when the
   * status did not flip, and taking {@code now} when it did (or is new).
   */
  public static List<Condition> merge(List<Condition> previous, List<Condition> desired, String now) {
    List<Condition> out = new ArrayList<>();
    for (Condition d : desired) {
      Optional<Condition> before = find(previous, d.getType());
      String since = before.filter(b -> b.getStatus() != null && b.getStatus().equals(d.getStatus()))
          .map(Condition::getLastTransitionTime).orElse(now);
      out.add(new ConditionBuilder(d).withLastTransitionTime(since == null ? now : since).build());
    }
    return out;
  }
}
