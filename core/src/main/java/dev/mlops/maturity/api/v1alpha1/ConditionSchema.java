package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The schema of a status condition (Kubernetes metav1.Condition), with the field descriptions `kubectl explain`
 * shows; the Java type stays fabric8's {@code Condition}.
 */
final class ConditionSchema {
  @JsonPropertyDescription("Ready, TargetMet, Regressed or Degraded (MaturityTarget); Ready (MaturityModel).")
  @Required
  public String type;
  @JsonPropertyDescription("True, False or Unknown.")
  @Required
  public Status status;
  @JsonPropertyDescription("A CamelCase word saying why the condition has this status, e.g. SelectorMatchesNothing.")
  public String reason;
  @JsonPropertyDescription("What a person needs to know about the condition, in one sentence.")
  public String message;
  @JsonPropertyDescription("When the status last flipped (RFC 3339); unchanged while the status stays the same.")
  public String lastTransitionTime;
  @JsonPropertyDescription("The metadata.generation the condition was computed from.")
  public Long observedGeneration;

  private ConditionSchema() {}

  enum Status { True, False, Unknown }
}
